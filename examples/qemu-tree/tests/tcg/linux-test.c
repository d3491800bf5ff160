/* SPDX-License-Identifier: GPL-2.0-or-later */
/* File system calls in a fresh directory under /tmp, with their errno
 * on the failure paths: mkdir, open O_EXCL, rename, link, symlink, chmod,
 * utimensat, readdir, dup2, fcntl, chdir, unlink and rmdir. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util.h"

int main(void)
{
    char dir[] = "/tmp/tcg-linux-XXXXXX", old[4096], link_to[64];
    struct stat st;
    CHECK(mkdtemp(dir) != NULL && getcwd(old, sizeof old) != NULL && chdir(dir) == 0);
    CHECK(mkdir("sub", 0755) == 0 && mkdir("sub", 0755) == -1 && errno == EEXIST);
    int fd = open("a", O_CREAT | O_EXCL | O_WRONLY, 0644);
    CHECK(fd >= 0 && write(fd, "12345", 5) == 5 && close(fd) == 0);
    CHECK(open("a", O_CREAT | O_EXCL | O_WRONLY, 0644) == -1 && errno == EEXIST);
    CHECK(open("missing", O_RDONLY) == -1 && errno == ENOENT);
    CHECK(close(fd) == -1 && errno == EBADF);

    CHECK(rename("a", "sub/b") == 0 && access("a", F_OK) == -1 && errno == ENOENT);
    CHECK(link("sub/b", "c") == 0 && stat("c", &st) == 0 && st.st_nlink == 2 && st.st_size == 5);
    CHECK(symlink("sub/b", "d") == 0 && lstat("d", &st) == 0 && S_ISLNK(st.st_mode));
    ssize_t n = readlink("d", link_to, sizeof link_to - 1);
    CHECK(n == 5 && (link_to[n] = 0, strcmp(link_to, "sub/b") == 0));
    CHECK(stat("d", &st) == 0 && S_ISREG(st.st_mode));
    CHECK(chmod("c", 0600) == 0 && stat("sub/b", &st) == 0 && (st.st_mode & 0777) == 0600);
    struct timespec times[2] = {{1000000000, 0}, {1234567890, 500}};
    CHECK(utimensat(AT_FDCWD, "c", times, 0) == 0 && stat("c", &st) == 0);
    CHECK(st.st_mtim.tv_sec == 1234567890 && st.st_mtim.tv_nsec == 500 && st.st_atim.tv_sec == 1000000000);

    DIR *dp = opendir(".");
    int entries = 0;
    for (struct dirent *e; dp && (e = readdir(dp)) != NULL;)
        entries += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    CHECK(dp && closedir(dp) == 0 && entries == 3);       /* sub c d */

    fd = open("c", O_RDONLY);
    int fd2 = dup(fd), fd3 = fcntl(fd, F_DUPFD, 50);
    CHECK(fd2 > fd && fd3 >= 50 && dup2(fd, 40) == 40);
    char buf[8] = {0};
    CHECK(read(fd2, buf, 2) == 2 && read(40, buf + 2, 3) == 3 && strcmp(buf, "12345") == 0);
    CHECK(lseek(fd3, 0, SEEK_CUR) == 5);                  /* one shared offset */
    CHECK((fcntl(fd3, F_GETFL) & O_ACCMODE) == O_RDONLY && close(40) == 0 && close(fd2) == 0);
    CHECK(close(fd3) == 0 && close(fd) == 0);

    CHECK(rmdir("sub") == -1 && errno == ENOTEMPTY);
    CHECK(unlink("d") == 0 && unlink("c") == 0 && unlink("sub/b") == 0 && rmdir("sub") == 0);
    CHECK(chdir(old) == 0 && rmdir(dir) == 0 && stat(dir, &st) == -1 && errno == ENOENT);
    return tcg_ok("linux-test");
}
