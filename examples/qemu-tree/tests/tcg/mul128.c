/* SPDX-License-Identifier: GPL-2.0-or-later */
/* 64x64->128 bit multiplication and 128-bit division (unsigned __int128)
 * against schoolbook arithmetic on 32-bit halves. */
#include <stdint.h>
#include "util.h"

typedef unsigned __int128 u128;

static void mul_halves(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    *lo = (mid << 32) | (uint32_t)ll;
    *hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

int main(void)
{
    uint64_t x = 0x243f6a8885a308d3ull, y = 0x13198a2e03707344ull;
    for (int i = 0; i < 20000; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        y ^= y << 7; y ^= y >> 9;
        u128 p = (u128)x * y;
        uint64_t hi, lo;
        mul_halves(x, y, &hi, &lo);
        CHECK((uint64_t)(p >> 64) == hi && (uint64_t)p == lo);
        uint64_t d = y | 1;
        u128 q = p / d, r = p % d;
        CHECK(r < d && q * d + r == p);
        if (d == y) CHECK(q == x && r == 0);             /* y odd: exact */
    }
    u128 max = ~(u128)0;
    CHECK((uint64_t)(max >> 64) == UINT64_MAX && max + 1 == 0);
    CHECK((u128)UINT64_MAX * UINT64_MAX == max - 2 * (u128)UINT64_MAX);
    __int128 neg = -((__int128)1 << 100);
    CHECK(neg / 3 == -(((__int128)1 << 100) / 3) && neg % 3 == -(((__int128)1 << 100) % 3));
    CHECK((neg >> 99) == -2);
    return tcg_ok("mul128");
}
