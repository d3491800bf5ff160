/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mprotect: writing a read-only page and reading a PROT_NONE one raise
 * SIGSEGV at the faulting address; the handler jumps back. */
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "util.h"

static sigjmp_buf back;
static void *volatile fault_addr;
static volatile int faults;

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    (void)sig; (void)ctx;
    fault_addr = si->si_addr;
    faults++;
    siglongjmp(back, 1);
}

/* Writes (or reads) *p; 1 when that faulted. */
static int faulted(volatile char *p, int write)
{
    if (sigsetjmp(back, 1))
        return 1;
    if (write) *p = 'x';
    else (void)*p;
    return 0;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);

    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    p[10] = 'a';
    CHECK(mprotect(p, page, PROT_READ) == 0);
    CHECK(faulted(p + 10, 1) && fault_addr == p + 10 && p[10] == 'a');
    CHECK(!faulted(p + page + 5, 1) && p[page + 5] == 'x');   /* the second page */
    CHECK(!faulted(p + 10, 0));

    CHECK(mprotect(p, page, PROT_NONE) == 0);
    CHECK(faulted(p + 20, 0) && fault_addr == p + 20);
    CHECK(mprotect(p, 2 * page, PROT_READ | PROT_WRITE) == 0);
    CHECK(!faulted(p + 10, 1) && p[10] == 'x');
    CHECK(faults == 2);
    CHECK(munmap(p, 2 * page) == 0);
    return tcg_ok("mprotect");
}
