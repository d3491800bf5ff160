/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Conversions between integers, float and double, and to and from text. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

int main(void)
{
    volatile double d = 3.7, md = -3.7;
    CHECK((int)d == 3 && (int)md == -3 && (unsigned)d == 3u);
    volatile double u32max = 4294967295.0, two63 = 0x1p63;
    CHECK((uint32_t)u32max == 0xffffffffu && (uint64_t)two63 == 0x8000000000000000ull);
    volatile int64_t odd = (1ll << 53) + 1, neg = -(1ll << 60);
    CHECK((double)odd == 0x1p53 && (double)neg == -0x1p60);
    volatile uint64_t umax = UINT64_MAX;
    CHECK((double)umax == 0x1p64 && (float)umax == 0x1p64f);
    volatile int32_t i = 16777217;                       /* 2^24 + 1 */
    CHECK((float)i == 16777216.0f && (double)i == 16777217.0);

    volatile double tenth = 0.1;
    volatile float ftenth = (float)tenth;
    CHECK((double)ftenth == 0.100000001490116119384765625);
    CHECK((float)(double)ftenth == ftenth);
    volatile double tiny = 1e-310;                       /* subnormal */
    CHECK(tiny > 0 && fpclassify(tiny) == FP_SUBNORMAL && (float)tiny == 0.0f);

    char buf[64];
    snprintf(buf, sizeof buf, "%.17g", tenth);
    CHECK(strcmp(buf, "0.10000000000000001") == 0 && strtod(buf, NULL) == tenth);
    snprintf(buf, sizeof buf, "%a", 1.5);
    CHECK(strcmp(buf, "0x1.8p+0") == 0);
    CHECK(strtod("0x1.8p1", NULL) == 3.0 && strtof("1e-3", NULL) == 1e-3f);
    snprintf(buf, sizeof buf, "%.2f %.0f %.0f", 1.005, 0.5, 1.5);
    CHECK(strcmp(buf, "1.00 0 2") == 0);                 /* binary values, ties to even */
    CHECK(lround(2.5) == 3 && lround(-2.5) == -3 && llrint(2.5) == 2);
    CHECK(ldexp(3.0, 4) == 48.0 && frexp(48.0, &(int){0}) == 0.75);
    int e;
    CHECK(frexp(0x1p-1060, &e) == 0.5 && e == -1059);
    return tcg_ok("fconv");
}
