#include <stdio.h>
#include <string.h>
#include "util.h"
int main(void) { printf("strlen %zu\n", strlen(tcg_greeting())); return 0; }
