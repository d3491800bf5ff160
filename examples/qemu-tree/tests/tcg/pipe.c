/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A pipe from a child to its parent, larger than the pipe's buffer; EOF
 * when the writer closes; EPIPE with no reader; pipe2's O_CLOEXEC. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include "util.h"

#define SIZE 200000

int main(void)
{
    int fd[2];
    CHECK(pipe(fd) == 0);
    pid_t k = fork();
    CHECK(k >= 0);
    if (k == 0) {
        close(fd[0]);
        unsigned char chunk[4096];
        for (int off = 0; off < SIZE; off += (int)sizeof chunk) {
            int n = SIZE - off < (int)sizeof chunk ? SIZE - off : (int)sizeof chunk;
            for (int i = 0; i < n; i++) chunk[i] = (unsigned char)((off + i) % 251);
            if (write(fd[1], chunk, (size_t)n) != n) _exit(2);
        }
        _exit(0);
    }
    close(fd[1]);
    unsigned char buf[1000];
    long total = 0;
    ssize_t n;
    while ((n = read(fd[0], buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++)
            CHECK(buf[i] == (unsigned char)((total + i) % 251));
        total += n;
    }
    CHECK(n == 0 && total == SIZE);
    int status;
    CHECK(waitpid(k, &status, 0) == k && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(fd[0]);

    signal(SIGPIPE, SIG_IGN);
    CHECK(pipe(fd) == 0);
    close(fd[0]);
    CHECK(write(fd[1], "x", 1) == -1 && errno == EPIPE);
    close(fd[1]);

    CHECK(pipe2(fd, O_CLOEXEC) == 0);
    CHECK(fcntl(fd[0], F_GETFD) & FD_CLOEXEC);
    CHECK(write(fd[1], "hello", 5) == 5 && read(fd[0], buf, sizeof buf) == 5);
    return tcg_ok("pipe");
}
