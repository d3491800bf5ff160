#pragma once

// The one scan of this process's environment.

#include <string_view>
#include <vector>

namespace qd {

struct EnvironmentVariable {
    std::string_view entry; // as it stands: NAME=VALUE
    std::string_view name;
    std::string_view value;
};

// Each entry of environ, in order.  One without '=' (which no shell can
// make) has the whole entry as its name and an empty value.
std::vector<EnvironmentVariable> environment_variables();

} // namespace qd
