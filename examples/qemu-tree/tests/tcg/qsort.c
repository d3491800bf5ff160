/* SPDX-License-Identifier: GPL-2.0-or-later */
/* qsort of pseudo-random integers and of strings; bsearch in the result. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

#define N 20000
static int v[N];

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(void)
{
    uint32_t x = 1, sum_before = 0, xor_before = 0, sum_after = 0, xor_after = 0;
    for (int i = 0; i < N; i++) {
        x = x * 1664525 + 1013904223;
        v[i] = (int)(x >> 8) - (1 << 23);
        sum_before += (uint32_t)v[i];
        xor_before ^= (uint32_t)v[i];
    }
    qsort(v, N, sizeof v[0], cmp_int);
    for (int i = 0; i < N; i++) {
        if (i) CHECK(v[i - 1] <= v[i]);
        sum_after += (uint32_t)v[i];
        xor_after ^= (uint32_t)v[i];
    }
    CHECK(sum_before == sum_after && xor_before == xor_after);
    for (int i = 0; i < N; i += 97) {
        int *hit = bsearch(&v[i], v, N, sizeof v[0], cmp_int);
        CHECK(hit && *hit == v[i]);
    }

    const char *names[] = {"pear", "apple", "fig", "banana", "cherry", "date", "apple"};
    const char *sorted[] = {"apple", "apple", "banana", "cherry", "date", "fig", "pear"};
    qsort(names, 7, sizeof names[0], cmp_str);
    for (int i = 0; i < 7; i++) CHECK(strcmp(names[i], sorted[i]) == 0);
    return tcg_ok("qsort");
}
