/* SPDX-License-Identifier: GPL-2.0-or-later */
/* __builtin_{add,sub,mul}_overflow at the edges of each width. */
#include <limits.h>
#include <stdint.h>
#include "util.h"

int main(void)
{
    volatile int imax = INT_MAX, imin = INT_MIN, one = 1, two = 2, mone = -1;
    int r;
    CHECK(__builtin_add_overflow(imax, one, &r) && r == INT_MIN);
    CHECK(!__builtin_add_overflow(imax, mone, &r) && r == INT_MAX - 1);
    CHECK(__builtin_sub_overflow(imin, one, &r) && r == INT_MAX);
    CHECK(__builtin_mul_overflow(imin, mone, &r) && r == INT_MIN);
    CHECK(__builtin_mul_overflow(imax, two, &r) && r == -2);
    CHECK(!__builtin_mul_overflow(-46341, 46340, &r) && r == -2147441940);

    unsigned u;
    volatile unsigned umax = UINT_MAX, uzero = 0;
    CHECK(__builtin_add_overflow(umax, 1u, &u) && u == 0);
    CHECK(__builtin_sub_overflow(uzero, 1u, &u) && u == UINT_MAX);
    CHECK(__builtin_mul_overflow(65536u, 65536u, &u) && u == 0);

    int64_t s64;
    volatile int64_t big = INT64_MAX / 3 + 1;
    CHECK(__builtin_mul_overflow(big, (int64_t)3, &s64));
    CHECK(!__builtin_mul_overflow(big - 1, (int64_t)3, &s64) && s64 == INT64_MAX - 1);
    uint64_t u64;
    CHECK(__builtin_add_overflow((uint64_t)UINT64_MAX, (uint64_t)1, &u64) && u64 == 0);

    /* Mixed types: the result type decides. */
    uint8_t u8;
    CHECK(__builtin_add_overflow(200, 55, &u8) == 0 && u8 == 255);
    CHECK(__builtin_add_overflow(200, 56, &u8) && u8 == 0);
    int8_t s8;
    CHECK(__builtin_sub_overflow(0, 128, &s8) == 0 && s8 == -128);
    CHECK(__builtin_sub_overflow(0, -128, &s8) && s8 == -128);
    CHECK(__builtin_add_overflow((unsigned)-1, 0, &r) && r == -1);
    return tcg_ok("overflow");
}
