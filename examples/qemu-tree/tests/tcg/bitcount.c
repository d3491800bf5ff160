/* SPDX-License-Identifier: GPL-2.0-or-later */
/* popcount, clz, ctz, parity, ffs and bswap against plain loops. */
#include <stdint.h>
#include <strings.h>
#include "util.h"

static int pop(uint64_t x) { int n = 0; for (; x; x >>= 1) n += x & 1; return n; }
static int lead(uint64_t x, int bits) { int n = 0; while (n < bits && !(x >> (bits - 1 - n) & 1)) n++; return n; }
static int trail(uint64_t x) { int n = 0; while (!(x >> n & 1)) n++; return n; }

int main(void)
{
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 5000; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        volatile uint64_t v = x >> (i % 64);
        uint32_t w = (uint32_t)v;
        CHECK(__builtin_popcountll(v) == pop(v));
        CHECK(__builtin_popcount(w) == pop(w));
        CHECK(__builtin_parityll(v) == (pop(v) & 1));
        if (v) CHECK(__builtin_clzll(v) == lead(v, 64) && __builtin_ctzll(v) == trail(v));
        if (w) CHECK(__builtin_clz(w) == lead(w, 32) && __builtin_ctz(w) == trail(w));
        CHECK(ffs((int)w) == (w ? trail(w) + 1 : 0));
        CHECK(__builtin_clrsb((int32_t)w) == lead((int32_t)w < 0 ? ~w : w, 32) - 1);
    }
    CHECK(__builtin_bswap16(0x1234) == 0x3412);
    CHECK(__builtin_bswap32(0x12345678) == 0x78563412);
    CHECK(__builtin_bswap64(0x0102030405060708ull) == 0x0807060504030201ull);
    CHECK(__builtin_popcountll(UINT64_MAX) == 64 && __builtin_clz(1) == 31);
    return tcg_ok("bitcount");
}
