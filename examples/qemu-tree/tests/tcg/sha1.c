/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SHA-1 of the FIPS 180 test messages, one block at a time. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "util.h"

static uint32_t rol(uint32_t x, int n) { return x << n | x >> (32 - n); }

static void block(uint32_t h[5], const unsigned char *p)
{
    uint32_t w[80], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | p[4 * i + 1] << 16 | p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 80; i++)
        w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    for (int i = 0; i < 80; i++) {
        uint32_t f, k;
        if (i < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
        else if (i < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
        else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
        else { f = b ^ c ^ d; k = 0xca62c1d6; }
        uint32_t t = rol(a, 5) + f + e + k + w[i];
        e = d; d = c; c = rol(b, 30); b = a; a = t;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
}

static void sha1(const char *msg, size_t repeat, char hex[41])
{
    uint32_t h[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
    unsigned char buf[64];
    size_t len = strlen(msg), total = len * repeat, n = 0;
    for (size_t i = 0; i < total; i++) {
        buf[n++] = (unsigned char)msg[i % len];
        if (n == 64) { block(h, buf); n = 0; }
    }
    buf[n++] = 0x80;
    if (n > 56) { memset(buf + n, 0, 64 - n); block(h, buf); n = 0; }
    memset(buf + n, 0, 56 - n);
    for (int i = 0; i < 8; i++)
        buf[56 + i] = (unsigned char)((uint64_t)total * 8 >> (56 - 8 * i));
    block(h, buf);
    for (int i = 0; i < 5; i++)
        snprintf(hex + 8 * i, 9, "%08x", (unsigned)h[i]);
}

int main(void)
{
    char hex[41];
    sha1("abc", 1, hex);
    CHECK(strcmp(hex, "a9993e364706816aba3e25717850c26c9cd0d89d") == 0);
    sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1, hex);
    CHECK(strcmp(hex, "84983e441c3bd26ebaae4aa1f95129e5e54670f1") == 0);
    sha1("a", 1000000, hex);
    CHECK(strcmp(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f") == 0);
    return tcg_ok("sha1");
}
