/* SPDX-License-Identifier: GPL-2.0-or-later */
/* memset and memchr/memcmp at every alignment, with guard bytes. */
#include <string.h>
#include "util.h"

#define N 200
static unsigned char buf[N + 32];

int main(void)
{
    static const int values[] = {0, 1, 0x7f, 0x80, 0xff, 0x1234};
    for (size_t v = 0; v < sizeof values / sizeof values[0]; v++)
        for (int off = 0; off < 16; off++)
            for (int len = 0; len <= N; len += len < 33 ? 1 : 19) {
                memset(buf, 0xa5, sizeof buf);
                CHECK(memset(buf + off, values[v], (size_t)len) == buf + off);
                unsigned char b = (unsigned char)values[v];
                for (int i = 0; i < off; i++) CHECK(buf[i] == 0xa5);
                for (int i = 0; i < len; i++) CHECK(buf[off + i] == b);
                for (int i = off + len; i < N + 32; i++) CHECK(buf[i] == 0xa5);
            }
    memset(buf, 0, sizeof buf);
    buf[150] = 9;
    CHECK(memchr(buf, 9, sizeof buf) == buf + 150);
    CHECK(memchr(buf, 9, 150) == NULL);
    unsigned char a[4] = {1, 2, 3, 4}, b[4] = {1, 2, 4, 0};
    CHECK(memcmp(a, b, 4) < 0 && memcmp(b, a, 4) > 0 && memcmp(a, b, 2) == 0);
    unsigned char hi[1] = {0x80}, lo[1] = {0x01};
    CHECK(memcmp(hi, lo, 1) > 0); /* compares as unsigned char */
    return tcg_ok("memset");
}
