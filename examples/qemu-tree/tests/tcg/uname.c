/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Who and where: uname, the ids through libc and raw syscalls, the host
 * name, and the machine the program was built for. */
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "util.h"

int main(void)
{
    struct utsname u;
    CHECK(uname(&u) == 0 && strcmp(u.sysname, "Linux") == 0 && u.release[0] != 0);
#if defined(__aarch64__)
    CHECK(strcmp(u.machine, "aarch64") == 0);
#elif defined(__x86_64__)
    CHECK(strcmp(u.machine, "x86_64") == 0);
#else
    CHECK(u.machine[0] != 0);
#endif
    char host[256];
    CHECK(gethostname(host, sizeof host) == 0 && strcmp(host, u.nodename) == 0);

    pid_t pid = getpid();
    CHECK(pid > 0 && pid == (pid_t)syscall(SYS_getpid) && pid == getpid());
    /* In a pid namespace the parent, group and session may be outside it: 0. */
    CHECK(getppid() >= 0 && getppid() != pid);
    CHECK((pid_t)syscall(SYS_gettid) == pid);               /* the main thread */
    CHECK(getuid() == (uid_t)syscall(SYS_getuid) && getgid() == (gid_t)syscall(SYS_getgid));
    CHECK(geteuid() == getuid() && getpgrp() == getpgid(0) && getsid(0) == getsid(pid));
    CHECK(getpgrp() >= 0 && getsid(0) >= 0);

    CHECK(sysconf(_SC_NPROCESSORS_ONLN) >= 1 && sysconf(_SC_PAGESIZE) >= 4096);
    CHECK((sysconf(_SC_PAGESIZE) & (sysconf(_SC_PAGESIZE) - 1)) == 0);
    struct rlimit rl;
    CHECK(getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur > 0);
    CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur >= 3);
    char cwd[4096];
    CHECK(getcwd(cwd, sizeof cwd) == cwd && cwd[0] == '/');
    return tcg_ok("uname");
}
