#include "qemu_docker/util/poll_timeout.h"

#include <algorithm>
#include <limits>

namespace qd {

int poll_timeout(const std::optional<std::chrono::steady_clock::time_point>& deadline,
                 std::chrono::steady_clock::time_point now) {
    if (!deadline)
        return -1;
    auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - now).count();
    return static_cast<int>(
        std::clamp<std::chrono::milliseconds::rep>(left, 0, std::numeric_limits<int>::max()));
}

int poll_timeout(const std::optional<std::chrono::steady_clock::time_point>& deadline) {
    return poll_timeout(deadline, std::chrono::steady_clock::now());
}

} // namespace qd
