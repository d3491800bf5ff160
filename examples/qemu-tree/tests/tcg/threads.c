/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pthread_create and pthread_join: each thread sums its own slice and
 * returns it; pthread_once runs its function once among them. */
#include <pthread.h>
#include <stdint.h>
#include "util.h"

#define THREADS 4
#define PER 250000

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static void init_once(void) { once_runs++; }

struct slice { uint64_t from, to, sum; pthread_t self; };

static void *work(void *arg)
{
    struct slice *s = arg;
    pthread_once(&once, init_once);
    s->self = pthread_self();
    for (uint64_t i = s->from; i < s->to; i++)
        s->sum += i;
    return (void *)(uintptr_t)(s->to - s->from);
}

static void *leave(void *arg)
{
    pthread_exit(arg);
}

int main(void)
{
    pthread_t t[THREADS];
    struct slice s[THREADS];
    for (int i = 0; i < THREADS; i++) {
        s[i] = (struct slice){.from = (uint64_t)i * PER, .to = (uint64_t)(i + 1) * PER};
        CHECK(pthread_create(&t[i], NULL, work, &s[i]) == 0);
    }
    uint64_t total = 0;
    for (int i = 0; i < THREADS; i++) {
        void *ret;
        CHECK(pthread_join(t[i], &ret) == 0);
        CHECK((uintptr_t)ret == PER);
        CHECK(pthread_equal(t[i], s[i].self) && !pthread_equal(t[i], pthread_self()));
        total += s[i].sum;
    }
    uint64_t n = (uint64_t)THREADS * PER;
    CHECK(total == n * (n - 1) / 2);
    CHECK(once_runs == 1);

    /* A thread that ends through pthread_exit. */
    pthread_t e;
    void *ret;
    CHECK(pthread_create(&e, NULL, leave, (void *)42) == 0);
    CHECK(pthread_join(e, &ret) == 0 && (uintptr_t)ret == 42);
    return tcg_ok("threads");
}
