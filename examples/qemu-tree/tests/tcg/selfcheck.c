/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The build itself: type sizes, byte order and alignment as the Linux ABI
 * of this target has them, main's arguments and environment. */
#include <limits.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "util.h"

extern char **environ;

int main(int argc, char **argv)
{
    CHECK(CHAR_BIT == 8 && sizeof(short) == 2 && sizeof(int) == 4 && sizeof(long long) == 8);
    CHECK(sizeof(long) == sizeof(void *) && sizeof(size_t) == sizeof(void *));
    CHECK(sizeof(float) == 4 && sizeof(double) == 8 && alignof(double) <= 8);
    CHECK(sizeof(int64_t) == 8 && alignof(max_align_t) >= 8);
    uint32_t word = 0x01020304;
    unsigned char bytes[4];
    memcpy(bytes, &word, 4);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    CHECK(bytes[0] == 4 && bytes[3] == 1);
#else
    CHECK(bytes[0] == 1 && bytes[3] == 4);
#endif
    CHECK(((char)-1 < 0) == (CHAR_MIN < 0));              /* limits.h agrees */
#if defined(__aarch64__)
    CHECK((char)-1 > 0);                                  /* plain char is unsigned there */
#elif defined(__x86_64__)
    CHECK((char)-1 < 0);
#endif
    struct s { char c; double d; } s;
    CHECK(offsetof(struct s, d) == alignof(double) && sizeof s == 2 * alignof(double));
    (void)s;
    CHECK(argc >= 1 && argv[0] != NULL && argv[argc] == NULL);
    CHECK(environ != NULL);
    return tcg_ok("selfcheck");
}
