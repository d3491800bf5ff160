/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Large stack frames: a 1 MiB local array, deep recursion with 2 KiB
 * frames, and a variable-length array sized at run time. */
#include <stdint.h>
#include <string.h>
#include "util.h"

static uint32_t __attribute__((noinline)) big_frame(uint32_t seed)
{
    volatile uint32_t a[256 * 1024];                /* 1 MiB */
    for (size_t i = 0; i < 256 * 1024; i++) a[i] = seed + (uint32_t)i * 3;
    uint32_t s = 0;
    for (size_t i = 0; i < 256 * 1024; i += 1024) s += a[i];
    return s;
}

static uint64_t __attribute__((noinline)) deep(int n)
{
    volatile unsigned char frame[2048];
    memset((unsigned char *)frame, n & 0xff, sizeof frame);
    uint64_t below = n ? deep(n - 1) : 0;
    return below + frame[n % 2048] + frame[2047];   /* still intact after the call */
}

static volatile int vla_len = 100000;

int main(void)
{
    uint32_t want = 0;
    for (uint32_t i = 0; i < 256 * 1024; i += 1024) want += 7 + i * 3;
    CHECK(big_frame(7) == want);

    uint64_t sum = 0;
    for (int n = 0; n <= 1500; n++) sum += 2 * (uint64_t)(n & 0xff);
    CHECK(deep(1500) == sum);                       /* about 3 MiB deep */

    int n = vla_len;
    int v[n];
    for (int i = 0; i < n; i++) v[i] = i;
    long long s = 0;
    for (int i = 0; i < n; i++) s += v[i];
    CHECK(s == (long long)n * (n - 1) / 2);
    return tcg_ok("bigstack");
}
