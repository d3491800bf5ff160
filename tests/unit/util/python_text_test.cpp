#include "qemu_docker/util/python_text.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace {

// Every code point for which Python 3.11's str.isspace() holds (and so re's \s).
const std::vector<std::string> kPythonSpaces = {
    "\t",     "\n",     "\v",       "\f",     "\r",     "\x1c",   "\x1d",   "\x1e",
    "\x1f",   " ",      "\xc2\x85", "\u00a0", "\u1680", "\u2000", "\u2001", "\u2002",
    "\u2003", "\u2004", "\u2005",   "\u2006", "\u2007", "\u2008", "\u2009", "\u200a",
    "\u2028", "\u2029", "\u202f",   "\u205f", "\u3000"};

TEST(PythonText, SpacesAreExactlyPythons) {
    for (const auto& s : kPythonSpaces)
        EXPECT_EQ(qd::python_space_at(s, 0), s.size()) << s;
    const std::string not_spaces[] = {"a",      "\x1b",   "\x7f",   "\xc2\x84", "\xc2\xa1",
                                      "\u180e", "\u200b", "\u200c", "\u2027",   "\u202a",
                                      "\u2060", "\ufeff", "\u3001", "\xe2\x80", ""};
    for (const auto& s : not_spaces)
        EXPECT_EQ(qd::python_space_at(s, 0), 0u) << s;
    EXPECT_EQ(qd::python_space_at("a b", 1), 1u);
    EXPECT_EQ(qd::python_space_at("a", 5), 0u);
}

TEST(PythonText, LineBreaksAreSplitlines) {
    const std::string breaks[] = {"\n",   "\v",   "\f",       "\r",     "\x1c",
                                  "\x1d", "\x1e", "\xc2\x85", "\u2028", "\u2029"};
    for (const auto& s : breaks)
        EXPECT_EQ(qd::python_line_break_at(s, 0), s.size()) << s;
    EXPECT_EQ(qd::python_line_break_at("\r\n", 0), 2u);
    EXPECT_EQ(qd::python_line_break_at("\n\r", 0), 1u);
    for (const std::string s : {"\t", " ", "\x1f", "\u00a0", "\u3000", "x", ""})
        EXPECT_EQ(qd::python_line_break_at(s, 0), 0u) << s;
}

TEST(PythonText, UniversalNewlines) {
    EXPECT_EQ(qd::universal_newlines("a\r\nb\rc\nd\r\r\n\r"), "a\nb\nc\nd\n\n\n");
    EXPECT_EQ(qd::universal_newlines(""), "");
    EXPECT_EQ(qd::universal_newlines("\v\f"), "\v\f");
}

TEST(PythonText, FindInvalidUtf8) {
    EXPECT_EQ(qd::find_invalid_utf8("plain"), std::string::npos);
    EXPECT_EQ(qd::find_invalid_utf8("\u00e9\u20ac\U0001f600"), std::string::npos);
    EXPECT_EQ(qd::find_invalid_utf8("ok\xf5\x80\x80\x80"), 2u);
    EXPECT_EQ(qd::find_invalid_utf8("ab\xe2\x80"), 2u); // truncated at the end
    EXPECT_EQ(qd::find_invalid_utf8("\xe2\x28\xa1"), 0u);
}

} // namespace

namespace {

// int() as argparse's type=int uses it; expectations from Python 3.11.
TEST(PythonInt, AcceptsWhatIntAccepts) {
    const std::pair<std::string, std::string> cases[] = {{"10", "10"},
                                                         {"010", "10"},
                                                         {"000", "0"},
                                                         {"+5", "5"},
                                                         {"-5", "-5"},
                                                         {"-0", "0"},
                                                         {" 7 ", "7"},
                                                         {"\t7\n", "7"},
                                                         {"1_000", "1000"},
                                                         {"0_0", "0"},
                                                         {"\u00a012\u3000", "12"}};
    for (const auto& [text, decimal] : cases)
        EXPECT_EQ(qd::python_int_decimal(text), decimal) << text;
}

TEST(PythonInt, RefusesWhatIntRefuses) {
    for (const char* text :
         {"", " ", "x", "0x10", "0o7", "1e3", "1.0", "_1", "1_", "1__0", "+", "- 1", "1 2", "++1"})
        EXPECT_EQ(qd::python_int_decimal(text), std::nullopt) << text;
    // int() takes any Unicode decimal digits; qemu-docker only ASCII ones
    // (docs/compatibility.md).
    EXPECT_EQ(qd::python_int_decimal("\u0661\u0662"), std::nullopt);
}

TEST(PythonInt, AtMost4300Digits) {
    // Python 3.11's int() limit on decimal digits (leading zeros count,
    // underscores, sign and spaces do not).
    std::string most(4300, '9');
    EXPECT_EQ(qd::python_int_decimal(" -" + most + " "), "-" + most);
    EXPECT_EQ(qd::python_int_decimal(most.substr(1) + "_0"), most.substr(1) + "0");
    EXPECT_EQ(qd::python_int_decimal(most + "9"), std::nullopt);
    EXPECT_EQ(qd::python_int_decimal(std::string(4301, '0')), std::nullopt);
    EXPECT_EQ(qd::python_int_decimal(std::string(4300, '0') + "_1"), std::nullopt);
}

} // namespace
