/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shifts and rotates of 8 to 64 bit values by every in-range count. */
#include <stdint.h>
#include "util.h"

static uint32_t rotl32(uint32_t x, unsigned n) { return x << (n & 31) | x >> (-n & 31); }
static uint64_t rotr64(uint64_t x, unsigned n) { return x >> (n & 63) | x << (-n & 63); }

int main(void)
{
    volatile uint64_t one = 1;
    for (unsigned n = 0; n < 64; n++) {
        uint64_t p = one << n;
        CHECK(p >> n == 1);
        CHECK(__builtin_ctzll(p) == (int)n);
        volatile int64_t neg = -1;
        CHECK((int64_t)((uint64_t)neg << n) >> n == -1); /* arithmetic (GCC) */
        CHECK((uint64_t)neg >> n == UINT64_MAX >> n);
        CHECK(rotr64(rotr64(0x0123456789abcdefull, n), 64 - n) == 0x0123456789abcdefull);
    }
    for (unsigned n = 0; n < 32; n++) {
        volatile uint32_t x = 0x80000001u;
        CHECK(rotl32(rotl32(x, n), 32 - n) == x);
        volatile int32_t m = INT32_MIN;
        CHECK(m >> n == (int32_t)(-(int64_t)1 << (31 - n)));
    }
    CHECK(rotl32(0x12345678, 8) == 0x34567812);
    CHECK(rotr64(0x1, 1) == 0x8000000000000000ull);
    volatile uint8_t b = 0x81;
    CHECK((uint8_t)(b << 1) == 0x02 && b >> 7 == 1 && (b << 1) == 0x102); /* promotion */
    volatile int16_t h = -2;
    CHECK(h >> 1 == -1 && (uint16_t)h >> 1 == 0x7fff);
    return tcg_ok("shifts");
}
