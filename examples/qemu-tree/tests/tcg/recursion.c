/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Recursion: Ackermann, Fibonacci, mutual recursion, the towers of Hanoi,
 * permutations, and a recursive-descent evaluator. */
#include "util.h"

static int ack(int m, int n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}
static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
static long hanoi(int n, int from, int to, int via)
{
    return n == 0 ? 0 : hanoi(n - 1, from, via, to) + 1 + hanoi(n - 1, via, to, from);
}
static int permute(int *a, int k, int n)
{
    if (k == n) return a[0] < a[n - 1];        /* count those with first < last */
    int count = 0;
    for (int i = k; i < n; i++) {
        int t = a[k]; a[k] = a[i]; a[i] = t;
        count += permute(a, k + 1, n);
        t = a[k]; a[k] = a[i]; a[i] = t;
    }
    return count;
}

/* expr := term {('+'|'-') term}; term := factor {('*'|'/') factor};
 * factor := number | '(' expr ')' */
static const char *pos;
static long expr(void);
static long factor(void)
{
    if (*pos == '(') { pos++; long v = expr(); pos++; return v; }
    long v = 0;
    while (*pos >= '0' && *pos <= '9') v = v * 10 + (*pos++ - '0');
    return v;
}
static long term(void)
{
    long v = factor();
    while (*pos == '*' || *pos == '/') { char op = *pos++; long r = factor(); v = op == '*' ? v * r : v / r; }
    return v;
}
static long expr(void)
{
    long v = term();
    while (*pos == '+' || *pos == '-') { char op = *pos++; long r = term(); v = op == '+' ? v + r : v - r; }
    return v;
}

int main(void)
{
    CHECK(ack(2, 3) == 9 && ack(3, 3) == 61);
    CHECK(fib(24) == 46368);
    CHECK(is_even(10000) && is_odd(7777) && !is_odd(4096));
    CHECK(hanoi(16, 1, 3, 2) == 65535);
    int a[7] = {1, 2, 3, 4, 5, 6, 7};
    CHECK(permute(a, 0, 7) == 2520);                /* half of 7! */
    CHECK(a[0] == 1 && a[6] == 7);
    pos = "2*(3+4)-5/(1+1)+((((9))))";
    CHECK(expr() == 21 && *pos == 0);
    return tcg_ok("recursion");
}
