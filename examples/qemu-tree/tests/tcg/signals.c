/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Signal delivery without timers: raise and kill to oneself, SA_SIGINFO,
 * blocking and pending, SIG_IGN and SA_RESETHAND. */
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "util.h"

static volatile sig_atomic_t hits, last_signo, last_pid_ok;

static void on_info(int sig, siginfo_t *si, void *ctx)
{
    (void)ctx;
    hits++;
    last_signo = si->si_signo == sig ? sig : -1;
    last_pid_ok = si->si_pid == getpid();
}

static void set(int sig, int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_info;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    CHECK(sigaction(sig, &sa, NULL) == 0);
}

int main(void)
{
    set(SIGUSR1, 0);
    CHECK(raise(SIGUSR1) == 0 && hits == 1 && last_signo == SIGUSR1 && last_pid_ok);
    CHECK(kill(getpid(), SIGUSR1) == 0 && hits == 2);

    sigset_t block, pending;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR2);
    set(SIGUSR2, 0);
    CHECK(sigprocmask(SIG_BLOCK, &block, NULL) == 0);
    raise(SIGUSR2);
    raise(SIGUSR2);                       /* standard signals do not queue */
    CHECK(hits == 2 && sigpending(&pending) == 0 && sigismember(&pending, SIGUSR2));
    CHECK(sigprocmask(SIG_UNBLOCK, &block, NULL) == 0);
    CHECK(hits == 3 && last_signo == SIGUSR2);

    signal(SIGUSR1, SIG_IGN);
    raise(SIGUSR1);
    CHECK(hits == 3);

    set(SIGHUP, SA_RESETHAND);
    raise(SIGHUP);
    struct sigaction now;
    CHECK(sigaction(SIGHUP, NULL, &now) == 0 && now.sa_handler == SIG_DFL && hits == 4);

    /* A real-time signal queues: two raises, two deliveries. */
    set(SIGRTMIN, 0);
    sigemptyset(&block);
    sigaddset(&block, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGRTMIN);
    raise(SIGRTMIN);
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    CHECK(hits == 6);
    return tcg_ok("signals");
}
