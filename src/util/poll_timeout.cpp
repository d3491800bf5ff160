#include "qemu_docker/util/poll_timeout.h"

#include <algorithm>

namespace qd {

int poll_timeout(const std::optional<std::chrono::steady_clock::time_point>& deadline) {
    if (!deadline)
        return -1;
    auto left =
        std::chrono::ceil<std::chrono::milliseconds>(*deadline - std::chrono::steady_clock::now());
    return static_cast<int>(std::max<std::chrono::milliseconds::rep>(left.count(), 0));
}

} // namespace qd
