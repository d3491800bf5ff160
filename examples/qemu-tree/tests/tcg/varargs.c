/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Variadic functions: more arguments than fit in registers, integers and
 * doubles mixed (float promoted), va_copy, and a va_list passed on. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "util.h"

static long sum_ints(int n, ...)
{
    va_list ap;
    long s = 0;
    va_start(ap, n);
    for (int i = 0; i < n; i++) s += va_arg(ap, int);
    va_end(ap);
    return s;
}

/* "i" an int, "l" a long long, "d" a double, "s" a string (its length). */
static double mixed(const char *types, ...)
{
    va_list ap, again;
    double total = 0, twice = 0;
    va_start(ap, types);
    va_copy(again, ap);
    for (const char *t = types; *t; t++)
        switch (*t) {
        case 'i': total += va_arg(ap, int); break;
        case 'l': total += (double)va_arg(ap, long long); break;
        case 'd': total += va_arg(ap, double); break;
        case 's': total += (double)strlen(va_arg(ap, const char *)); break;
        }
    for (const char *t = types; *t; t++) {  /* the copy walks them again */
        if (*t == 'd') twice += va_arg(again, double);
        else if (*t == 'l') (void)va_arg(again, long long);
        else if (*t == 's') (void)va_arg(again, const char *);
        else (void)va_arg(again, int);
    }
    va_end(again);
    va_end(ap);
    return total + twice;
}

static int format(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int format(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int main(void)
{
    CHECK(sum_ints(0) == 0 && sum_ints(3, 1, 2, 3) == 6);
    CHECK(sum_ints(12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -12) == 54);
    float f = 0.5f;
    /* 17 arguments: 10 doubles (one a promoted float), 4 ints, 2 long longs, a string. */
    double got = mixed("ildsddiddidddiddl", 2, 3000000000LL, 1.5, "hello", 0.5, 1.0, 7, f, 0.25,
                       -1, 1.0, 1.0, 1.0, 1, 1.0, 1.0, 10LL);
    double doubles = 1.5 + 0.5 + 1.0 + 0.5 + 0.25 + 1.0 + 1.0 + 1.0 + 1.0 + 1.0;
    CHECK(got == 2 + 3e9 + 5 + 7 - 1 + 1 + 10 + 2 * doubles);
    char buf[64];
    CHECK(format(buf, sizeof buf, "%d-%s-%.1f-%c-%llx", 7, "x", 2.25, 'z', 255ULL) == 12);
    CHECK(strcmp(buf, "7-x-2.2-z-ff") == 0);
    return tcg_ok("varargs");
}
