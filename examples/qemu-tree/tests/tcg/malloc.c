/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The allocator: many blocks of many sizes filled and checked, calloc's
 * zeros, realloc keeping contents, aligned allocations, a large block. */
#include <malloc.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

#define BLOCKS 2000

int main(void)
{
    static unsigned char *block[BLOCKS];
    static size_t size[BLOCKS];
    uint32_t x = 99;
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < BLOCKS; i++) {
            x = x * 1103515245 + 12345;
            size[i] = 1 + (x >> 16) % 3000;
            block[i] = malloc(size[i]);
            CHECK(block[i] != NULL && (uintptr_t)block[i] % alignof(max_align_t) == 0);
            CHECK(malloc_usable_size(block[i]) >= size[i]);
            memset(block[i], i & 0xff, size[i]);
        }
        for (int i = BLOCKS - 1; i >= 0; i -= 2) {      /* free every other one, from the end */
            for (size_t j = 0; j < size[i]; j += 97) CHECK(block[i][j] == (i & 0xff));
            free(block[i]);
        }
        for (int i = 0; i < BLOCKS; i += 2) {
            unsigned char *g = realloc(block[i], size[i] * 3);
            CHECK(g != NULL);
            for (size_t j = 0; j < size[i]; j++) CHECK(g[j] == (i & 0xff));
            free(g);
        }
    }
    int *z = calloc(10000, sizeof *z);
    CHECK(z != NULL);
    for (int i = 0; i < 10000; i++) CHECK(z[i] == 0);
    free(z);
    void *a = aligned_alloc(64, 1024), *b = NULL;
    CHECK(a != NULL && (uintptr_t)a % 64 == 0 && posix_memalign(&b, 4096, 100) == 0 && (uintptr_t)b % 4096 == 0);
    free(a);
    free(b);
    size_t big = 64u << 20;                             /* from mmap, not the heap */
    unsigned char *m = malloc(big);
    CHECK(m != NULL);
    for (size_t i = 0; i < big; i += 1 << 20) m[i] = 1;
    CHECK(m[big - (1 << 20)] == 1);
    free(m);
    free(NULL);
    CHECK(realloc(NULL, 10) != NULL);                   /* leaked on purpose: exits now */
    return tcg_ok("malloc");
}
