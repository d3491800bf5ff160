/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <string.h>
#include "util.h"
int main(void) { printf("strlen %zu\n", strlen(tcg_greeting())); return tcg_ok("strings"); }
