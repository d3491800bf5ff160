/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Integer division and remainder: signs, widths, extremes.  The operands
 * go through volatile variables so that the CPU, not the compiler, divides. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include "util.h"

int main(void)
{
    volatile int a = -7, b = 2, c = 7, d = -2;
    CHECK(a / b == -3 && a % b == -1);  /* C rounds towards zero */
    CHECK(c / d == -3 && c % d == 1);
    CHECK(a / d == 3 && a % d == -1);
    volatile int imin = INT_MIN, one = 1, imax = INT_MAX;
    CHECK(imin / one == INT_MIN && imin % 2 == 0 && imax / imax == 1);
    CHECK(imin / 2 == -(1 << 30) && imin % 3 == -2);

    volatile unsigned u = 0xffffffffu, three = 3;
    CHECK(u / three == 0x55555555u && u % three == 0);
    volatile uint64_t big = UINT64_MAX, seven = 7;
    CHECK(big / seven == 2635249153387078802ull && big % seven == 1);
    volatile int64_t n64 = INT64_MIN, m3 = -3;
    CHECK(n64 / m3 == 3074457345618258602ll && n64 % m3 == -2);
    volatile uint8_t byte = 200, ten = 10;
    CHECK(byte / ten == 20 && byte % ten == 0);
    volatile int16_t s16 = -32768, s3 = 3;
    CHECK(s16 / s3 == -10922 && s16 % s3 == -2);

    div_t q = div(-17, 5);
    CHECK(q.quot == -3 && q.rem == -2);
    lldiv_t lq = lldiv(LLONG_MAX, 1000000007);
    CHECK(lq.quot * 1000000007 + lq.rem == LLONG_MAX);
    /* Division by a power of two, which compilers turn into shifts. */
    for (volatile int i = -1000; i <= 1000; i++) {
        CHECK(i / 8 * 8 + i % 8 == i);
        CHECK((unsigned)(i + 1000) / 16u == (unsigned)(i + 1000) >> 4);
    }
    return tcg_ok("divide");
}
