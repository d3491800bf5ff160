/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A mutex-protected counter shared by four threads, then a bounded queue
 * with condition variables between a producer and a consumer. */
#include <pthread.h>
#include "util.h"

#define THREADS 4
#define ROUNDS 20000
#define ITEMS 5000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER, not_full = PTHREAD_COND_INITIALIZER;
static long counter;
static int queue[8], head, count;

static void *bump(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static void *produce(void *arg)
{
    (void)arg;
    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&lock);
        while (count == 8)
            pthread_cond_wait(&not_full, &lock);
        queue[(head + count++) % 8] = i;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) CHECK(pthread_create(&t[i], NULL, bump, NULL) == 0);
    for (int i = 0; i < THREADS; i++) CHECK(pthread_join(t[i], NULL) == 0);
    CHECK(counter == (long)THREADS * ROUNDS);

    pthread_t p;
    CHECK(pthread_create(&p, NULL, produce, NULL) == 0);
    long sum = 0;
    for (int expect = 1; expect <= ITEMS; expect++) {
        pthread_mutex_lock(&lock);
        while (count == 0)
            pthread_cond_wait(&not_empty, &lock);
        int v = queue[head];
        head = (head + 1) % 8;
        count--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&lock);
        CHECK(v == expect);                   /* in order, none lost */
        sum += v;
    }
    CHECK(pthread_join(p, NULL) == 0 && sum == (long)ITEMS * (ITEMS + 1) / 2);
    CHECK(pthread_mutex_trylock(&lock) == 0 && pthread_mutex_trylock(&lock) != 0);
    pthread_mutex_unlock(&lock);
    return tcg_ok("mutex");
}
