/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libtcg: what the test programs share. */
#include <stdnoreturn.h>

int tcg_add(int a, int b);
const char *tcg_greeting(void);

/* Prints "OK NAME" on stdout and returns 0, for main's return. */
int tcg_ok(const char *name);
/* Prints "FAIL FILE:LINE: what" on stderr and exits 1. */
noreturn void tcg_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define CHECK(cond) \
    do { if (!(cond)) tcg_fail(__FILE__, __LINE__, "%s", #cond); } while (0)
#define CHECK_EQ(a, b) \
    do { long long a_ = (a), b_ = (b); \
         if (a_ != b_) tcg_fail(__FILE__, __LINE__, "%s == %lld, not %lld", #a, a_, b_); } while (0)
