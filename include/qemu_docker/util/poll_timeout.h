#pragma once

// poll(2)'s timeout for a deadline.

#include <chrono>
#include <optional>

namespace qd {

// The milliseconds left until DEADLINE (rounded up, never below 0); -1, for
// no limit, without one.
int poll_timeout(const std::optional<std::chrono::steady_clock::time_point>& deadline);

} // namespace qd
