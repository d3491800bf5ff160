/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Rounding modes and exception flags through fenv.h (built with
 * -frounding-math, so the compiler keeps the operations in order). */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include "util.h"

struct mode { int mode; double half, mhalf; };

int main(void)
{
    static const struct mode modes[] = {
        {FE_TONEAREST, 2.0, -2.0},  /* rint(2.5), rint(-2.5): ties to even */
        {FE_UPWARD, 3.0, -2.0},
        {FE_DOWNWARD, 2.0, -3.0},
        {FE_TOWARDZERO, 2.0, -2.0},
    };
    volatile double one = 1.0, three = 3.0, x = 2.5, mx = -2.5;
    double t[4], mt[4];
    for (int i = 0; i < 4; i++) {
        CHECK(fesetround(modes[i].mode) == 0 && fegetround() == modes[i].mode);
        CHECK(rint(x) == modes[i].half && nearbyint(mx) == modes[i].mhalf);
        t[i] = one / three;
        mt[i] = -one / three;
        volatile float f = 1.0f, tiny = 0x1p-30f;
        float sum = f + tiny;
        CHECK(sum == (modes[i].mode == FE_UPWARD ? nextafterf(1.0f, 2.0f) : 1.0f));
        CHECK(lrint(3.5) == (modes[i].mode == FE_UPWARD || modes[i].mode == FE_TONEAREST ? 4 : 3));
    }
    fesetround(FE_TONEAREST);
    /* 1/3 lies between two doubles; the nearest is the lower one. */
    CHECK(t[1] == nextafter(t[2], 1.0) && t[3] == t[2] && t[0] == t[2]);
    CHECK(mt[2] == nextafter(mt[1], -1.0) && mt[3] == mt[1] && mt[0] == mt[1]);
    CHECK(round(-2.5) == -3.0 && trunc(-2.7) == -2.0 && floor(-2.5) == -3.0 && ceil(-2.5) == -2.0);

    volatile double zero = 0.0, big = DBL_MAX, small = DBL_MIN;
    feclearexcept(FE_ALL_EXCEPT);
    volatile double r = one / zero;
    CHECK(fetestexcept(FE_DIVBYZERO) && !fetestexcept(FE_INVALID) && isinf(r));
    feclearexcept(FE_ALL_EXCEPT);
    r = zero / zero;
    CHECK(fetestexcept(FE_INVALID) && isnan(r));
    feclearexcept(FE_ALL_EXCEPT);
    r = big * 2.0;
    CHECK(fetestexcept(FE_OVERFLOW) && fetestexcept(FE_INEXACT));
    feclearexcept(FE_ALL_EXCEPT);
    r = small / 1e10;
    CHECK(fetestexcept(FE_UNDERFLOW));
    feclearexcept(FE_ALL_EXCEPT);
    r = one + one;
    CHECK(!fetestexcept(FE_ALL_EXCEPT) && r == 2.0);
    return tcg_ok("fenv");
}
