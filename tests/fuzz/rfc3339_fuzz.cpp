// parse_rfc3339 and created_time_for_display on arbitrary text: only
// qd::Error is thrown, and an accepted time reads back the same when
// written out in UTC.

#include "fuzz_support.h"
#include "qemu_docker/util/error.h"
#include "qemu_docker/util/rfc3339.h"

#include <chrono>
#include <fmt/format.h>
#include <optional>

namespace {

using namespace std::chrono;

// "YYYY-MM-DDTHH:MM:SSZ", for the years four digits can hold.
std::optional<std::string> utc_text(sys_seconds time) {
    const sys_days day = floor<days>(time);
    const year_month_day date(day);
    const hh_mm_ss clock(time - day);
    if (int(date.year()) < 0 || int(date.year()) > 9999)
        return std::nullopt;
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", int(date.year()),
                       unsigned(date.month()), unsigned(date.day()), clock.hours().count(),
                       clock.minutes().count(), clock.seconds().count());
}

bool is_utc_without_leap_second(std::string_view text) {
    return text.size() >= 20 && (text.back() == 'Z' || text.back() == 'z') &&
           text.substr(17, 2) != "60";
}

std::string upper_t(std::string_view text) {
    std::string out(text);
    if (out.size() > 10 && out[10] == 't')
        out[10] = 'T';
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using qd::fuzz::require;
    const std::string_view text = qd::fuzz::as_text(data, size);

    const std::string shown = qd::created_time_for_display(text);
    require(text.starts_with(shown) && shown.find('.') == std::string::npos,
            "the displayed time is the text before the first '.'");

    sys_seconds time;
    try {
        time = qd::parse_rfc3339(text);
    } catch (const qd::Error&) {
        return 0;
    }
    const auto written = utc_text(time);
    if (!written)
        return 0;
    require(qd::parse_rfc3339(*written) == time, "an accepted time reads back the same");
    if (is_utc_without_leap_second(text))
        require(upper_t(text.substr(0, 19)) + "Z" == *written,
                "a UTC time is the date and clock it was written with");
    return 0;
}
