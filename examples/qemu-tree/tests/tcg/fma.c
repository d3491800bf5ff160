/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fma and fmaf round once: the low bits a separate multiply loses are kept. */
#include <float.h>
#include <math.h>
#include "util.h"

int main(void)
{
    volatile double x = 1.0 + 0x1p-30, p = x * x;  /* loses 2^-60 */
    CHECK(p == 1.0 + 0x1p-29);
    CHECK(fma(x, x, -p) == 0x1p-60);
    volatile float xf = 1.0f + 0x1p-12f, pf = xf * xf;  /* a tie, to even */
    CHECK(pf == 1.0f + 0x1p-11f);
    CHECK(fmaf(xf, xf, -pf) == 0x1p-24f);

    volatile double big = DBL_MAX, two = 2.0;
    CHECK(fma(big, two, -big) == DBL_MAX);          /* no overflow inside */
    CHECK(isinf(big * two - big));
    volatile double a = 0.1, b = 10.0, c = -1.0;
    CHECK(fma(a, b, c) == 0x1p-54);                 /* 0.1 is not 1/10 */
    CHECK(a * b + c == 0.0);

    volatile double inf = INFINITY, zero = 0.0, one = 1.0;
    CHECK(isnan(fma(inf, zero, one)));
    CHECK(fma(inf, one, one) == INFINITY);
    CHECK(isnan(fma(inf, one, -inf)));
    CHECK(signbit(fma(-zero, one, zero)) == 0 && signbit(fma(-zero, one, -zero)) != 0);

    /* An error-free product: hi + lo is exactly the product. */
    volatile double u = 3.0 + 0x1p-40, v = 5.0 - 0x1p-38;
    double hi = u * v, lo = fma(u, v, -hi);
    CHECK(lo != 0.0 && fabs(lo) <= 0x1p-49);
    CHECK(hi + lo == hi);
    return tcg_ok("fma");
}
