// Expectations computed with Python 3.11:
// datetime(2024, 1, 1) - timedelta(minutes=N).
#include "qemu_docker/util/python_datetime.h"

#include <gtest/gtest.h>

namespace {

using namespace std::chrono;
using qd::MicrosecondTime;

constexpr MicrosecondTime kNow = sys_days{year{2024} / January / 1};

MicrosecondTime at(year_month_day day, int hour = 0, int minute = 0) {
    return sys_days{day} + hours{hour} + std::chrono::minutes{minute};
}

TEST(MinutesBefore, SmallValues) {
    EXPECT_EQ(qd::minutes_before(kNow, "60"), kNow - hours{1});
    EXPECT_EQ(qd::minutes_before(kNow, "0"), kNow);
    EXPECT_EQ(qd::minutes_before(kNow, "-5"), kNow + std::chrono::minutes{5});
}

TEST(MinutesBefore, BeyondNanosecondClocks) {
    // 153722868 minutes overflow a 64-bit count of nanoseconds.
    EXPECT_EQ(qd::minutes_before(kNow, "153722868"), at(year{1731} / September / 22, 0, 12));
    EXPECT_EQ(qd::minutes_before(kNow, "1000000000"), at(year{122} / September / 4, 13, 20));
    EXPECT_EQ(qd::minutes_before(kNow, "-4000000000"), at(year{9629} / April / 18, 18, 40));
}

TEST(MinutesBefore, YearOneIsTheFirst) {
    EXPECT_EQ(qd::minutes_before(kNow, "1063994400"), at(year{1} / January / 1));
    EXPECT_EQ(qd::minutes_before(kNow, "1063994401"), std::nullopt);
}

TEST(MinutesBefore, Year9999IsTheLast) {
    EXPECT_EQ(qd::minutes_before(kNow, "-4194970559"), at(year{9999} / December / 31, 23, 59));
    EXPECT_EQ(qd::minutes_before(kNow, "-4194970560"), std::nullopt);
    EXPECT_EQ(qd::minutes_before(sys_days{year{9999} / December / 31} + hours{23} +
                                     std::chrono::minutes{59} + seconds{59} + microseconds{999999},
                                 "0"),
              sys_days{year{10000} / January / 1} - microseconds{1});
}

TEST(MinutesBefore, HugeValues) {
    // timedelta's own limit (999999999 days), then int64 and beyond
    for (const char* n : {"1440000000000", "-1440000000000", "9223372036854775807",
                          "-9223372036854775808", "9223372036854775808",
                          "1000000000000000000000000000000", "-1000000000000000000000000000000"})
        EXPECT_EQ(qd::minutes_before(kNow, n), std::nullopt) << n;
}

} // namespace
