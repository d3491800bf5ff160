int tcg_add(int a, int b);
const char *tcg_greeting(void);
