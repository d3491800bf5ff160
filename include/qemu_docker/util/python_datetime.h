#pragma once

// Python's datetime arithmetic where docker.py relies on it: a time some
// minutes before another, within datetime's years 1 to 9999.

#include <chrono>
#include <optional>
#include <string_view>

namespace qd {

using MicrosecondTime = std::chrono::sys_time<std::chrono::microseconds>;

// NOW minus MINUTES minutes, MINUTES a decimal integer of any length, as
// `datetime - timedelta(minutes=MINUTES)` computes it; nullopt where Python
// raises OverflowError instead: a result outside the years 1 to 9999.
std::optional<MicrosecondTime> minutes_before(MicrosecondTime now, std::string_view minutes);

} // namespace qd
