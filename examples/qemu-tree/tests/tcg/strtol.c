/* SPDX-License-Identifier: GPL-2.0-or-later */
/* strtol and friends: bases, signs, where parsing stops, and ERANGE. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

int main(void)
{
    char *end;
    const char *s = "  -123abc";
    CHECK(strtol(s, &end, 10) == -123 && end == s + 6);
    CHECK(strtol("0x1F", NULL, 0) == 31 && strtol("0755", NULL, 0) == 493 && strtol("99", NULL, 0) == 99);
    CHECK(strtol("1F", NULL, 16) == 31 && strtol("zz", NULL, 36) == 1295 && strtol("101", NULL, 2) == 5);
    CHECK(strtol("0x", &end, 16) == 0 && strcmp(end, "x") == 0);
    s = "hello";
    CHECK(strtol(s, &end, 10) == 0 && end == s);            /* no digits */

    errno = 0;
    CHECK(strtol("99999999999999999999", NULL, 10) == LONG_MAX && errno == ERANGE);
    errno = 0;
    CHECK(strtol("-99999999999999999999", NULL, 10) == LONG_MIN && errno == ERANGE);
    errno = 0;
    CHECK(strtoll("-9223372036854775808", NULL, 10) == LLONG_MIN && errno == 0);
    CHECK(strtoull("18446744073709551615", NULL, 10) == ULLONG_MAX && errno == 0);
    CHECK(strtoul("-1", NULL, 10) == ULONG_MAX);             /* negated in unsigned */
    errno = 0;
    CHECK(strtoull("18446744073709551616", NULL, 10) == ULLONG_MAX && errno == ERANGE);
    CHECK(atoi("  42xyz") == 42 && atol("-7") == -7 && atoll("+8") == 8);

    errno = 0;
    CHECK(strtod("1e400", NULL) == HUGE_VAL && errno == ERANGE);
    errno = 0;
    CHECK(strtod("1e-400", NULL) == 0.0 && errno == ERANGE);
    s = "3.25e2xyz";
    CHECK(strtod(s, &end) == 325.0 && end == s + 6);
    CHECK(strtod("0x10p-2", NULL) == 4.0 && strtod(".5", NULL) == 0.5 && strtod("-0", NULL) == 0.0);
    CHECK(signbit(strtod("-0", NULL)) && strtof("3.4028236e38", NULL) == HUGE_VALF);
    CHECK(strtold("1.5", NULL) == 1.5L);
    return tcg_ok("strtol");
}
