#include <stdio.h>
#include "util.h"
int main(void) { puts(tcg_greeting()); return 0; }
