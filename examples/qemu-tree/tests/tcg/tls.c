/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Thread-local storage: _Thread_local variables start from their
 * initialiser in every thread and stay apart; pthread keys call their
 * destructor at each thread's end. */
#include <pthread.h>
#include <stdint.h>
#include "util.h"

#define THREADS 4

static _Thread_local int counter = 100;
static _Thread_local char name[16] = "main";
static pthread_key_t key;
static int destroyed;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void destroy(void *value)
{
    pthread_mutex_lock(&lock);
    destroyed += (int)(intptr_t)value;
    pthread_mutex_unlock(&lock);
}

static void *work(void *arg)
{
    int id = (int)(intptr_t)arg;
    if (counter != 100 || name[0] != 'm') return NULL;     /* a fresh copy */
    name[0] = (char)('0' + id);
    for (int i = 0; i < 1000 * id; i++) counter++;
    pthread_setspecific(key, (void *)(intptr_t)(id + 1));
    static _Thread_local int *where;
    where = &counter;
    return (void *)(intptr_t)(counter == 100 + 1000 * id && name[0] == '0' + id && where == &counter
                              ? (intptr_t)&counter : 0);
}

int main(void)
{
    CHECK(pthread_key_create(&key, destroy) == 0);
    counter = 5;
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) CHECK(pthread_create(&t[i], NULL, work, (void *)(intptr_t)i) == 0);
    intptr_t addr[THREADS];
    for (int i = 0; i < THREADS; i++) {
        void *r;
        CHECK(pthread_join(t[i], &r) == 0 && r != NULL);
        addr[i] = (intptr_t)r;
        CHECK(addr[i] != (intptr_t)&counter);
        for (int j = 0; j < i; j++) CHECK(addr[j] != addr[i]);
    }
    CHECK(counter == 5 && name[0] == 'm');                 /* main's own copy */
    CHECK(destroyed == 1 + 2 + 3 + 4);
    CHECK(pthread_getspecific(key) == NULL);
    return tcg_ok("tls");
}
