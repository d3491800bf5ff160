/* SPDX-License-Identifier: GPL-2.0-or-later */
/* memcpy at every source and destination alignment and many lengths,
 * against a byte loop, with guard bytes around the destination. */
#include <string.h>
#include "util.h"

#define N 300
static unsigned char src[N + 64], dst[N + 64];

int main(void)
{
    for (int i = 0; i < N + 64; i++) src[i] = (unsigned char)(i * 7 + 1);
    for (int so = 0; so < 16; so++)
        for (int d_o = 0; d_o < 16; d_o++)
            for (int len = 0; len < N; len += len < 40 ? 1 : 37) {
                memset(dst, 0xee, sizeof dst);
                void *r = memcpy(dst + d_o, src + so, (size_t)len);
                CHECK(r == dst + d_o);
                for (int i = 0; i < d_o; i++) CHECK(dst[i] == 0xee);
                for (int i = 0; i < len; i++) CHECK(dst[d_o + i] == src[so + i]);
                for (int i = d_o + len; i < N + 64; i++) CHECK(dst[i] == 0xee);
            }
    /* Structure assignment copies too. */
    struct big { int a[33]; char c; } x = {{1, 2, 3}, 'z'}, y;
    x.a[32] = 99;
    y = x;
    CHECK(memcmp(&x, &y, sizeof x) == 0 && y.a[32] == 99 && y.c == 'z');
    return tcg_ok("memcpy");
}
