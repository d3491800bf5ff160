/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The C library's string functions on fixed strings. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "util.h"

int main(void)
{
    const char *s = "the quick brown fox";
    CHECK(strlen(s) == 19 && strlen("") == 0);
    CHECK(strcmp("abc", "abd") < 0 && strcmp("abd", "abc") > 0 && strcmp("abc", "abc") == 0);
    CHECK(strcmp("ab", "abc") < 0 && strncmp("abcX", "abcY", 3) == 0);
    CHECK(strcasecmp("HeLLo", "hello") == 0);
    CHECK(strchr(s, 'q') == s + 4 && strrchr(s, 'o') == s + 17 && strchr(s, 'z') == NULL);
    CHECK(strchr(s, '\0') == s + 19);
    CHECK(strstr(s, "brown") == s + 10 && strstr(s, "brawn") == NULL && strstr(s, "") == s);
    CHECK(strspn("aaabbc", "ab") == 5 && strcspn("hello, world", ",") == 5);
    CHECK(strpbrk(s, "xyz") == s + 18);

    char buf[32];
    strcpy(buf, "foo");
    strcat(buf, "bar");
    CHECK(strcmp(buf, "foobar") == 0);
    memset(buf, 'x', sizeof buf);
    strncpy(buf, "ab", 5); /* pads with NULs */
    CHECK(buf[0] == 'a' && buf[2] == 0 && buf[4] == 0 && buf[5] == 'x');

    char words[] = "one,two,,three";
    const char *want[] = {"one", "two", "three"};
    char *save, *tok = strtok_r(words, ",", &save);
    for (int i = 0; i < 3; i++, tok = strtok_r(NULL, ",", &save))
        CHECK(tok && strcmp(tok, want[i]) == 0);
    CHECK(tok == NULL);

    volatile size_t cap = 8;
    int n = snprintf(buf, cap, "%s-%d", "number", 12345);
    CHECK(n == 12 && strcmp(buf, "number-") == 0);
    char *d = strdup(s);
    for (char *p = d; *p; p++) *p = (char)toupper((unsigned char)*p);
    CHECK(strcmp(d, "THE QUICK BROWN FOX") == 0);
    free(d);
    return tcg_ok("strfuncs");
}
