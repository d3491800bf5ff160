#include "qemu_docker/util/error.h"
#include "qemu_docker/util/rfc3339.h"

#include <cstdint>
#include <gtest/gtest.h>

namespace {

std::int64_t epoch(std::string_view text) {
    return qd::parse_rfc3339(text).time_since_epoch().count();
}

// Expected values from Python's datetime.fromisoformat(...).timestamp(), floored.
TEST(Rfc3339, Valid) {
    EXPECT_EQ(epoch("2024-05-01T12:34:56.123456789Z"), 1714566896); // docker's RFC3339Nano
    EXPECT_EQ(epoch("2024-05-01T12:34:56.123456Z"), 1714566896);
    EXPECT_EQ(epoch("2024-05-01T12:34:56Z"), 1714566896);
    EXPECT_EQ(epoch("2024-05-01t12:34:56z"), 1714566896);
    EXPECT_EQ(epoch("2024-05-01T12:34:56.5+02:00"), 1714559696);
    EXPECT_EQ(epoch("2024-05-01T12:34:56-07:30"), 1714593896);
    EXPECT_EQ(epoch("2023-11-22T09:15:42.987654321+00:00"), 1700644542); // podman
    EXPECT_EQ(epoch("2023-11-22T09:15:42.987654321-00:00"), 1700644542);
    EXPECT_EQ(epoch("1970-01-01T00:00:00Z"), 0);
    EXPECT_EQ(epoch("1969-12-31T23:59:59.9Z"), -1);
    EXPECT_EQ(epoch("2000-02-29T00:00:00+23:59"), 951696060);
    EXPECT_EQ(epoch("9999-12-31T23:59:59-23:59"), 253402387139);
    EXPECT_EQ(epoch("0001-01-01T00:00:00Z"), -62135596800);
    EXPECT_EQ(epoch("2016-12-31T23:59:60Z"), 1483228800); // a leap second: the next second
}

TEST(Rfc3339, Malformed) {
    const char* bad[] = {
        "",
        "2024-05-01",
        "2024-05-01T12:34:56",           // no zone
        "2024-05-01T12:34:56.123",       // no zone
        "2024-05-01 12:34:56Z",          // space for T
        "2024-05-01T12:34Z",             // no seconds
        "24-05-01T12:34:56Z",            // short year
        "2024-5-01T12:34:56Z",           // short month
        "2024-05-1T12:34:56Z",           // short day
        "2024-05-01T2:34:56Z",           // short hour
        "02024-05-01T12:34:56Z",         // long year
        "2024-13-01T12:34:56Z",          // month 13
        "2024-00-01T12:34:56Z",          // month 0
        "2024-05-00T12:34:56Z",          // day 0
        "2024-04-31T12:34:56Z",          // April 31
        "2023-02-29T12:34:56Z",          // not a leap year
        "1900-02-29T12:34:56Z",          // not a leap year
        "2024-05-01T24:00:00Z",          // hour 24
        "2024-05-01T12:60:00Z",          // minute 60
        "2024-05-01T12:34:61Z",          // second 61
        "2024-05-01T12:34:56.Z",         // empty fraction
        "2024-05-01T12:34:56,5Z",        // comma fraction
        "2024-05-01T12:34:56+02",        // offset without minutes
        "2024-05-01T12:34:56+0200",      // offset without colon
        "2024-05-01T12:34:56+24:00",     // offset hour 24
        "2024-05-01T12:34:56+02:60",     // offset minute 60
        "2024-05-01T12:34:56ZZ",         // trailing text
        "2024-05-01T12:34:56Z ",         // trailing space
        " 2024-05-01T12:34:56Z",         // leading space
        "2024-05-01T12:34:56UTC",        // zone name
        "2024-05-01T12:34:56.123456789", // what docker.py keeps before the "."? no: no zone
        "2024/05/01T12:34:56Z",          // wrong separators
        "2024-05-01T12-34-56Z",          // wrong separators
        "2024-05-01T1a:34:56Z",          // not a digit
        ("\xef\xbc\x92"
         "024-05-01T12:34:56Z"), // a full-width digit
    };
    for (const char* text : bad)
        EXPECT_THROW(qd::parse_rfc3339(text), qd::Error) << '"' << text << '"';
}

TEST(Rfc3339, ErrorNamesTheText) {
    try {
        qd::parse_rfc3339("2024-13-01T00:00:00Z");
        FAIL() << "no error";
    } catch (const qd::Error& e) {
        EXPECT_EQ(std::string(e.what()), "malformed RFC 3339 time \"2024-13-01T00:00:00Z\"");
    }
}

// docker.py prints Created.split(".")[0].
TEST(Rfc3339, CreatedTimeForDisplay) {
    EXPECT_EQ(qd::created_time_for_display("2024-05-01T12:34:56.123456789Z"),
              "2024-05-01T12:34:56");
    EXPECT_EQ(qd::created_time_for_display("2024-05-01T12:34:56.5+02:00"), "2024-05-01T12:34:56");
    EXPECT_EQ(qd::created_time_for_display("2024-05-01T12:34:56Z"), "2024-05-01T12:34:56Z");
    EXPECT_EQ(qd::created_time_for_display("a.b.c"), "a");
    EXPECT_EQ(qd::created_time_for_display(""), "");
    EXPECT_EQ(qd::created_time_for_display(".x"), "");
}

} // namespace
