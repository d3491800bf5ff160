/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

int tcg_add(int a, int b) { return a + b; }
const char *tcg_greeting(void) { return "hello from the container's gcc"; }

int tcg_ok(const char *name)
{
    printf("OK %s\n", name);
    return fflush(stdout) == 0 ? 0 : 1;
}

void tcg_fail(const char *file, int line, const char *fmt, ...)
{
    const char *base = strrchr(file, '/');
    va_list ap;

    fflush(stdout);
    fprintf(stderr, "FAIL %s:%d: ", base ? base + 1 : file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}
