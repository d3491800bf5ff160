#pragma once

// poll(2)'s timeout for a deadline.

#include <chrono>
#include <optional>

namespace qd {

// The milliseconds from NOW until DEADLINE, rounded up (a poll must not
// wake before it) and kept within 0 and INT_MAX; -1, for no limit, without
// a deadline.
int poll_timeout(const std::optional<std::chrono::steady_clock::time_point>& deadline,
                 std::chrono::steady_clock::time_point now);

// The same from the clock's now.
int poll_timeout(const std::optional<std::chrono::steady_clock::time_point>& deadline);

} // namespace qd
