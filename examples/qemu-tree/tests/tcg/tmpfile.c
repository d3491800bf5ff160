/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A file in /tmp made by mkstemp: write, seek, read, pread/pwrite,
 * ftruncate, fstat, stdio over the same descriptor, then unlink. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util.h"

int main(void)
{
    char name[] = "/tmp/tcg-file-XXXXXX";
    int fd = mkstemp(name);
    CHECK(fd >= 0 && strncmp(name, "/tmp/tcg-file-", 14) == 0 && strstr(name, "XXXXXX") == NULL);
    struct stat st;
    CHECK(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0600 && st.st_size == 0);

    CHECK(write(fd, "hello ", 6) == 6 && write(fd, "world", 5) == 5);
    CHECK(lseek(fd, 0, SEEK_CUR) == 11 && lseek(fd, 0, SEEK_SET) == 0);
    char buf[64] = {0};
    CHECK(read(fd, buf, sizeof buf) == 11 && strcmp(buf, "hello world") == 0);
    CHECK(read(fd, buf, sizeof buf) == 0);                       /* end of file */
    CHECK(pwrite(fd, "W", 1, 6) == 1 && pread(fd, buf, 5, 6) == 5 && memcmp(buf, "World", 5) == 0);
    CHECK(lseek(fd, 100, SEEK_SET) == 100 && write(fd, "!", 1) == 1);  /* a hole */
    CHECK(fstat(fd, &st) == 0 && st.st_size == 101);
    CHECK(pread(fd, buf, 4, 50) == 4 && memcmp(buf, "\0\0\0\0", 4) == 0);
    CHECK(ftruncate(fd, 5) == 0 && fstat(fd, &st) == 0 && st.st_size == 5);

    FILE *f = fdopen(fd, "r+");
    CHECK(f != NULL && fseek(f, 0, SEEK_END) == 0);
    fprintf(f, " %d %s\n", 42, "lines");
    rewind(f);
    int n;
    char word[16], first[16];
    CHECK(fscanf(f, "%15s %d %15s", first, &n, word) == 3);
    CHECK(strcmp(first, "hello") == 0 && n == 42 && strcmp(word, "lines") == 0);
    CHECK(fclose(f) == 0);

    CHECK(stat(name, &st) == 0 && st.st_size == 15);
    CHECK(unlink(name) == 0 && stat(name, &st) == -1 && errno == ENOENT);
    return tcg_ok("tmpfile");
}
