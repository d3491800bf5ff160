/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fork and waitpid: exit codes, a child killed by a signal, copy-on-write
 * memory, the parent's pid, and ECHILD once all are reaped. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "util.h"

static int shared = 7;

int main(void)
{
    pid_t me = getpid(), kids[3];
    for (int i = 0; i < 3; i++) {
        kids[i] = fork();
        CHECK(kids[i] >= 0);
        if (kids[i] == 0) {
            shared += i;                         /* the parent's copy stays 7 */
            _exit(getppid() == me ? 10 + shared : 1);
        }
    }
    for (int i = 2; i >= 0; i--) {
        int status;
        CHECK(waitpid(kids[i], &status, 0) == kids[i]);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 17 + i);
    }
    CHECK(shared == 7);

    pid_t k = fork();
    CHECK(k >= 0);
    if (k == 0) {
        raise(SIGKILL);
        _exit(1);
    }
    int status;
    CHECK(waitpid(k, &status, 0) == k && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

    /* Reaped in whatever order they end, through wait(). */
    for (int i = 0; i < 4; i++)
        if ((k = fork()) == 0)
            _exit(i);
    int seen = 0;
    for (int i = 0; i < 4; i++) {
        CHECK(wait(&status) > 0 && WIFEXITED(status));
        seen |= 1 << WEXITSTATUS(status);
    }
    CHECK(seen == 0xf);
    CHECK(wait(&status) == -1 && errno == ECHILD);
    return tcg_ok("fork");
}
