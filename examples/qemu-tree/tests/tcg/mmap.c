/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Anonymous and file mappings: zero fill, mremap keeping the contents,
 * MAP_SHARED writes reaching the file and MAP_PRIVATE ones not. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "util.h"

int main(void)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE), len = 64 * page;
    unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED && (size_t)p % page == 0);
    for (size_t i = 0; i < len; i++) CHECK(p[i] == 0);
    for (size_t i = 0; i < len; i++) p[i] = (unsigned char)(i * 13);
    unsigned char *q = mremap(p, len, 4 * len, MREMAP_MAYMOVE);
    CHECK(q != MAP_FAILED);
    for (size_t i = 0; i < len; i++) CHECK(q[i] == (unsigned char)(i * 13));
    CHECK(q[4 * len - 1] == 0);
    CHECK(munmap(q, 4 * len) == 0);

    char name[] = "/tmp/tcg-mmap-XXXXXX";
    int fd = mkstemp(name);
    CHECK(fd >= 0 && unlink(name) == 0 && ftruncate(fd, (off_t)(2 * page)) == 0);
    char *shared = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(shared != MAP_FAILED);
    strcpy(shared + page, "written through the mapping");
    CHECK(msync(shared, 2 * page, MS_SYNC) == 0);
    char buf[64] = {0};
    CHECK(pread(fd, buf, 27, (off_t)page) == 27 && strcmp(buf, "written through the mapping") == 0);

    char *priv = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, (off_t)page);
    CHECK(priv != MAP_FAILED && strcmp(priv, "written through the mapping") == 0);
    priv[0] = 'W';
    CHECK(shared[page] == 'w' && pread(fd, buf, 1, (off_t)page) == 1 && buf[0] == 'w');
    CHECK(pwrite(fd, "file", 4, 0) == 4 && memcmp(shared, "file", 4) == 0);
    CHECK(munmap(priv, page) == 0 && munmap(shared, 2 * page) == 0 && close(fd) == 0);

    /* MAP_FIXED over part of a mapping replaces just those pages. */
    unsigned char *r = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(r != MAP_FAILED);
    memset(r, 1, 3 * page);
    CHECK(mmap(r + page, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == r + page);
    CHECK(r[0] == 1 && r[page] == 0 && r[2 * page] == 1);
    CHECK(munmap(r, 3 * page) == 0);
    return tcg_ok("mmap");
}
