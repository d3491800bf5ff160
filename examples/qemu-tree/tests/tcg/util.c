#include "util.h"
int tcg_add(int a, int b) { return a + b; }
const char *tcg_greeting(void) { return "hello from the container's gcc"; }
