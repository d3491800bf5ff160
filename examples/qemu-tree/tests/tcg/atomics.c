/* SPDX-License-Identifier: GPL-2.0-or-later */
/* C11 atomics under contention: fetch_add, a compare-exchange maximum, a
 * spin lock made of atomic_flag, and release/acquire message passing. */
#include <pthread.h>
#include <stdatomic.h>
#include "util.h"

#define THREADS 4
#define ROUNDS 20000

static atomic_int added;
static atomic_long maximum;
static atomic_flag spin = ATOMIC_FLAG_INIT;
static long guarded;
static int message;
static atomic_bool ready;

static void *work(void *arg)
{
    long id = (long)arg;
    for (int i = 0; i < ROUNDS; i++) {
        atomic_fetch_add(&added, 1);
        long mine = id * ROUNDS + i, seen = atomic_load(&maximum);
        while (seen < mine && !atomic_compare_exchange_weak(&maximum, &seen, mine))
            ;
        while (atomic_flag_test_and_set_explicit(&spin, memory_order_acquire))
            ;
        guarded++;
        atomic_flag_clear_explicit(&spin, memory_order_release);
    }
    return NULL;
}

static void *receive(void *arg)
{
    (void)arg;
    while (!atomic_load_explicit(&ready, memory_order_acquire))
        ;
    return (void *)(long)message;
}

int main(void)
{
    pthread_t t[THREADS], r;
    CHECK(pthread_create(&r, NULL, receive, NULL) == 0);
    for (long i = 0; i < THREADS; i++) CHECK(pthread_create(&t[i], NULL, work, (void *)i) == 0);
    message = 1234;
    atomic_store_explicit(&ready, 1, memory_order_release);
    for (int i = 0; i < THREADS; i++) CHECK(pthread_join(t[i], NULL) == 0);
    void *got;
    CHECK(pthread_join(r, &got) == 0 && (long)got == 1234);
    CHECK(atomic_load(&added) == THREADS * ROUNDS);
    CHECK(atomic_load(&maximum) == (long)THREADS * ROUNDS - 1);
    CHECK(guarded == (long)THREADS * ROUNDS);

    atomic_int x = 5;
    int expected = 4;
    CHECK(!atomic_compare_exchange_strong(&x, &expected, 9) && expected == 5);
    CHECK(atomic_compare_exchange_strong(&x, &expected, 9) && atomic_load(&x) == 9);
    CHECK(atomic_exchange(&x, 1) == 9 && atomic_fetch_sub(&x, 3) == 1 && x == -2);
    CHECK(atomic_fetch_or(&x, 1) == -2 && atomic_fetch_and(&x, 0xff) == -1 && x == 0xff);
    return tcg_ok("atomics");
}
