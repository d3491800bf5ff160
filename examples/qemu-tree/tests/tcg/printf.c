/* SPDX-License-Identifier: GPL-2.0-or-later */
/* printf conversions and scanf parsing into buffers, compared exactly. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "util.h"

#define SAME(want, ...) \
    do { char b_[128]; snprintf(b_, sizeof b_, __VA_ARGS__); \
         if (strcmp(b_, want) != 0) tcg_fail(__FILE__, __LINE__, "got \"%s\", want \"%s\"", b_, want); } while (0)

int main(void)
{
    SAME("[   42|42   |00042|+42| 42]", "[%5d|%-5d|%05d|%+d|% d]", 42, 42, 42, 42, 42);
    SAME("ff FF 377 0xff 0XFF 0377", "%x %X %o %#x %#X %#o", 255, 255, 255, 255, 255, 255);
    SAME("-2147483648 4294967295", "%d %u", INT_MIN, UINT_MAX);
    SAME("-9223372036854775808 18446744073709551615", "%lld %llu", LLONG_MIN, ULLONG_MAX);
    SAME("123 -1 65535 255", "%zu %jd %hu %hhu", (size_t)123, (intmax_t)-1, 65535, 255);
    SAME("1.234568e+04 12345.678000 12345.7 1e-05 0.0001", "%e %f %g %g %g",
         12345.678, 12345.678, 12345.678, 0.00001, 0.0001);
    SAME("3.14159 3.1 +3.142e+00 0x1.8p+1", "%.5f %.1f %+.3e %a", 3.14159265, 3.14159265, 3.14159265, 3.0);
    SAME("[abc] [ab] [     ab] [ab     ]", "[%s] [%.2s] [%7.2s] [%-7s]", "abc", "abc", "abc", "ab");
    SAME("x % (nil)", "%c %% %p", 'x', (void *)0);
    SAME("[  3.50] [1e+100]", "[%*.*f] [%g]", 6, 2, 3.5, 1e100);
    int pos;
    char out[32];
    snprintf(out, sizeof out, "abc%n def", &pos);
    CHECK(pos == 3 && strcmp(out, "abc def") == 0);

    int i, consumed;
    unsigned x;
    double d;
    char word[16], c;
    CHECK(sscanf("  -17 0x1f 2.5e3 word,rest", "%d %x %lf %15[^,],%c%n", &i, &x, &d, word, &c, &consumed) == 5);
    CHECK(i == -17 && x == 31 && d == 2500.0 && strcmp(word, "word") == 0 && c == 'r' && consumed == 23);
    CHECK(sscanf("12abc", "%d%s", &i, word) == 2 && i == 12 && strcmp(word, "abc") == 0);
    CHECK(sscanf("abc", "%d", &i) == 0 && sscanf("", "%d", &i) == EOF);
    return tcg_ok("printf");
}
