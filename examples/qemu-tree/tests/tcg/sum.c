/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include "util.h"
int main(int argc, char **argv) {
    if (argc != 3) return 2;
    printf("sum %d\n", tcg_add(atoi(argv[1]), atoi(argv[2])));
    return tcg_ok("sum");
}
