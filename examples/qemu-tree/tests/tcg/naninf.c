/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NaN, infinities and signed zeros: comparisons, classification, printing. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

int main(void)
{
    volatile double zero = 0.0, one = 1.0;
    double inf = one / zero, nan = zero / zero, nzero = -zero;
    CHECK(isinf(inf) && inf > DBL_MAX && -inf < -DBL_MAX && isinf(-inf));
    CHECK(isnan(nan) && nan != nan && !(nan == nan) && !(nan < one) && !(nan > one));
    CHECK(!(nan <= nan) && isunordered(nan, one) && !isunordered(one, inf));
    CHECK(isnan(inf - inf) && isnan(inf * zero) && inf + inf == inf);
    CHECK(isnan(sqrt(-one)) && isnan(fmod(inf, one)) && fmod(one, inf) == one);
    CHECK(fmax(nan, one) == one && fmin(one, nan) == one);

    CHECK(nzero == 0.0 && signbit(nzero) && !signbit(zero));
    CHECK(one / nzero == -inf && copysign(3.0, nzero) == -3.0);
    CHECK(signbit(zero * -one) && !signbit(zero + nzero));
    CHECK(fpclassify(zero) == FP_ZERO && fpclassify(DBL_MIN / 2) == FP_SUBNORMAL);
    CHECK(fpclassify(one) == FP_NORMAL && fpclassify(inf) == FP_INFINITE && fpclassify(nan) == FP_NAN);
    CHECK(isnan(NAN) && !signbit(NAN) && isnan(nanf("")));

    volatile float finf = (float)inf, big = FLT_MAX;
    CHECK(isinf(finf) && isinf(big * 2.0f) && isnan((float)nan));
    CHECK((double)big * 2.0 == 2.0 * FLT_MAX);           /* fits in double */

    char buf[64];
    snprintf(buf, sizeof buf, "%f %f %g %.1f %F", inf, -inf, NAN, nzero, inf);
    CHECK(strcmp(buf, "inf -inf nan -0.0 INF") == 0);
    CHECK(isinf(strtod("inf", NULL)) && isinf(strtod("-Infinity", NULL)) && strtod("-inf", NULL) < 0);
    CHECK(isnan(strtod("nan", NULL)) && isnan(strtod("NAN(123)", NULL)));
    CHECK(isinf(exp(1000.0)) && exp(-1000.0) == 0.0 && log(zero) == -inf);
    return tcg_ok("naninf");
}
