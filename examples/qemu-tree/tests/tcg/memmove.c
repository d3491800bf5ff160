/* SPDX-License-Identifier: GPL-2.0-or-later */
/* memmove with overlapping ranges in both directions, against a copy made
 * through a scratch buffer. */
#include <string.h>
#include "util.h"

#define N 256
static unsigned char buf[N], want[N], tmp[N];

static void fill(void)
{
    for (int i = 0; i < N; i++) buf[i] = (unsigned char)(i ^ 0x5a);
}

int main(void)
{
    for (int from = 0; from < 64; from += 3)
        for (int to = 0; to < 64; to += 5)
            for (int len = 0; len <= 150; len += 7) {
                fill();
                memcpy(want, buf, N);
                for (int i = 0; i < len; i++) tmp[i] = want[from + i];
                for (int i = 0; i < len; i++) want[to + i] = tmp[i];
                CHECK(memmove(buf + to, buf + from, (size_t)len) == buf + to);
                if (memcmp(buf, want, N) != 0)
                    tcg_fail(__FILE__, __LINE__, "from %d to %d len %d", from, to, len);
            }
    char s[] = "abcdefghij";
    memmove(s + 2, s, 5);
    CHECK(strcmp(s, "ababcdehij") == 0);
    memmove(s, s + 3, 7);
    CHECK(strcmp(s, "bcdehijhij") == 0);
    return tcg_ok("memmove");
}
