/* SPDX-License-Identifier: GPL-2.0-or-later */
/* CRC-32 (IEEE, reflected) bit by bit and by table, over fixed data. */
#include <stdint.h>
#include <string.h>
#include "util.h"

static uint32_t crc_bitwise(const unsigned char *p, size_t n)
{
    uint32_t c = 0xffffffff;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? c >> 1 ^ 0xedb88320 : c >> 1;
    }
    return ~c;
}

static uint32_t table[256];

static uint32_t crc_table(uint32_t c, const unsigned char *p, size_t n)
{
    c = ~c;
    while (n--)
        c = table[(c ^ *p++) & 0xff] ^ c >> 8;
    return ~c;
}

int main(void)
{
    static unsigned char data[65536];
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? c >> 1 ^ 0xedb88320 : c >> 1;
        table[i] = c;
    }
    CHECK_EQ(crc_bitwise((const unsigned char *)"123456789", 9), 0xcbf43926);
    CHECK_EQ(crc_table(0, (const unsigned char *)"123456789", 9), 0xcbf43926);
    CHECK_EQ(crc_table(0, (const unsigned char *)"", 0), 0);
    CHECK_EQ(crc_table(0, (const unsigned char *)"The quick brown fox jumps over the lazy dog", 43),
             0x414fa339);
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof data; i++) {
        x = x * 1103515245 + 12345;
        data[i] = (unsigned char)(x >> 16);
    }
    uint32_t whole = crc_table(0, data, sizeof data);
    CHECK_EQ(whole, crc_bitwise(data, sizeof data));
    /* In pieces, carrying the running value. */
    uint32_t parts = crc_table(0, data, 1000);
    parts = crc_table(parts, data + 1000, sizeof data - 1000);
    CHECK_EQ(parts, whole);
    return tcg_ok("crc32");
}
