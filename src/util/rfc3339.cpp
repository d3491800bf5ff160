#include "qemu_docker/util/rfc3339.h"

#include "qemu_docker/util/error.h"

#include <fmt/format.h>

namespace qd {

namespace {

// Reads fixed-width fields and literals left to right.
class Scanner {
  public:
    explicit Scanner(std::string_view text) : text_(text) {}

    int digits(std::size_t n) {
        int value = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const char c = next();
            if (c < '0' || c > '9')
                fail();
            value = value * 10 + (c - '0');
        }
        return value;
    }
    void literal(char want) {
        if (next() != want)
            fail();
    }
    // Consumes one of `chars` (case-sensitive) and returns it.
    char one_of(std::string_view chars) {
        const char c = next();
        if (chars.find(c) == std::string_view::npos)
            fail();
        return c;
    }
    bool accept(char want) {
        if (pos_ < text_.size() && text_[pos_] == want) {
            ++pos_;
            return true;
        }
        return false;
    }
    bool accept_digit() {
        if (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
            ++pos_;
            return true;
        }
        return false;
    }
    bool at_end() const { return pos_ == text_.size(); }
    [[noreturn]] void fail() const {
        throw Error(fmt::format("malformed RFC 3339 time \"{}\"", text_));
    }

  private:
    char next() { return pos_ < text_.size() ? text_[pos_++] : '\0'; }

    std::string_view text_;
    std::size_t pos_ = 0;
};

void check(bool ok, const Scanner& in) {
    if (!ok)
        in.fail();
}

} // namespace

std::chrono::sys_seconds parse_rfc3339(std::string_view text) {
    using namespace std::chrono;
    Scanner in(text);
    const int year = in.digits(4);
    in.literal('-');
    const int month = in.digits(2);
    in.literal('-');
    const int day = in.digits(2);
    in.one_of("Tt");
    const int hour = in.digits(2);
    in.literal(':');
    const int minute = in.digits(2);
    in.literal(':');
    const int second = in.digits(2);
    if (in.accept('.')) {
        check(in.accept_digit(), in);
        while (in.accept_digit()) {
        }
    }
    int offset_minutes = 0;
    const char zone = in.one_of("Zz+-");
    if (zone == '+' || zone == '-') {
        const int off_hour = in.digits(2);
        in.literal(':');
        const int off_minute = in.digits(2);
        check(off_hour <= 23 && off_minute <= 59, in);
        offset_minutes = (zone == '-' ? -1 : 1) * (off_hour * 60 + off_minute);
    }
    check(in.at_end(), in);

    const year_month_day date{std::chrono::year(year), std::chrono::month(unsigned(month)),
                              std::chrono::day(unsigned(day))};
    // A leap second (:60) is allowed by RFC 3339 and counts as the next second.
    check(date.ok() && hour <= 23 && minute <= 59 && second <= 60, in);
    const sys_seconds local = sys_days(date) + hours(hour) + minutes(minute) + seconds(second);
    return local - minutes(offset_minutes);
}

std::string created_time_for_display(std::string_view created) {
    return std::string(created.substr(0, created.find('.')));
}

} // namespace qd
