#include "qemu_docker/util/python_datetime.h"

#include <charconv>

namespace qd {

std::optional<MicrosecondTime> minutes_before(MicrosecondTime now, std::string_view minutes) {
    using namespace std::chrono;
    constexpr MicrosecondTime first = sys_days{year{1} / January / 1};
    constexpr MicrosecondTime last = sys_days{year{10000} / January / 1} - microseconds{1};
    constexpr long long span = duration_cast<std::chrono::minutes>(last - first).count();
    long long n = 0;
    const char* end = minutes.data() + minutes.size();
    if (auto [ptr, ec] = std::from_chars(minutes.data(), end, n); ec != std::errc() || ptr != end)
        return std::nullopt; // beyond long long: far outside the range
    if (n > span || n < -span)
        return std::nullopt; // outside the range from any NOW; and no overflow below
    MicrosecondTime limit = now - std::chrono::minutes(n);
    if (limit < first || limit > last)
        return std::nullopt;
    return limit;
}

} // namespace qd
