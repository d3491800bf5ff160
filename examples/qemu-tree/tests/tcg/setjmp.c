/* SPDX-License-Identifier: GPL-2.0-or-later */
/* setjmp/longjmp: return values, volatile locals, jumping out of deep
 * recursion, and sigsetjmp restoring the signal mask. */
#include <setjmp.h>
#include <signal.h>
#include "util.h"

static jmp_buf env;
static int depth_reached;
static volatile int jump_out = 1;

static void dive(int depth)
{
    depth_reached = depth;
    if (depth < 50)
        dive(depth + 1);
    else if (jump_out)
        longjmp(env, depth);
    depth_reached = -1;  /* not reached: the jump skips every return */
}

int main(void)
{
    volatile int count = 0;
    int r = setjmp(env);
    count++;
    if (r == 0)
        longjmp(env, 0);             /* 0 comes back as 1 */
    CHECK(r == 1 && count == 2);

    if ((r = setjmp(env)) == 0)
        dive(0);
    CHECK(r == 50 && depth_reached == 50);

    volatile int jumps = 0;
    if (setjmp(env) < 5) {
        jumps++;
        longjmp(env, jumps);
    }
    CHECK(jumps == 5);

    sigjmp_buf senv;
    sigset_t set, now;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    if (sigsetjmp(senv, 1) == 0) {
        sigprocmask(SIG_BLOCK, &set, NULL);
        siglongjmp(senv, 1);
    }
    sigprocmask(SIG_BLOCK, NULL, &now);
    CHECK(!sigismember(&now, SIGUSR1));  /* the mask saved was restored */
    return tcg_ok("setjmp");
}
