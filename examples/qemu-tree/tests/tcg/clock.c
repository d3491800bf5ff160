/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Clocks: monotonic never goes back, a short nanosleep takes at least its
 * time, the wall clock is past 2020, and calendar conversions of a fixed
 * instant. */
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include "util.h"

static long long ns(clockid_t id)
{
    struct timespec ts;
    CHECK(clock_gettime(id, &ts) == 0 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(void)
{
    long long prev = ns(CLOCK_MONOTONIC);
    for (int i = 0; i < 1000; i++) {
        long long now = ns(CLOCK_MONOTONIC);
        CHECK(now >= prev);
        prev = now;
    }
    struct timespec res, nap = {0, 2000000};
    CHECK(clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec <= 1000000);
    long long before = ns(CLOCK_MONOTONIC);
    CHECK(nanosleep(&nap, NULL) == 0);
    long long slept = ns(CLOCK_MONOTONIC) - before;
    CHECK(slept >= 2000000 && slept < 5000000000LL);

    long long wall = ns(CLOCK_REALTIME) / 1000000000;
    CHECK(wall > 1577836800);                                     /* 2020-01-01 */
    struct timeval tv;
    CHECK(gettimeofday(&tv, NULL) == 0 && tv.tv_sec - wall >= 0 && tv.tv_sec - wall < 5);
    CHECK(time(NULL) - wall < 5);
    CHECK(ns(CLOCK_PROCESS_CPUTIME_ID) >= 0 && clock() >= 0);

    time_t t = 1000000000;
    struct tm tm;
    CHECK(gmtime_r(&t, &tm) == &tm);
    CHECK(tm.tm_year == 101 && tm.tm_mon == 8 && tm.tm_mday == 9 && tm.tm_hour == 1);
    CHECK(tm.tm_min == 46 && tm.tm_sec == 40 && tm.tm_wday == 0 && tm.tm_yday == 251);
    char buf[64];
    CHECK(strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a", &tm) > 0);
    CHECK(strcmp(buf, "2001-09-09 01:46:40 Sun") == 0);
    tm.tm_mday += 30;                                             /* normalised */
    CHECK(timegm(&tm) == t + 30 * 86400 && tm.tm_mon == 9 && tm.tm_mday == 9);
    return tcg_ok("clock");
}
