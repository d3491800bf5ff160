#pragma once

// Image creation times as docker and podman print them (RFC 3339).

#include <chrono>
#include <string>
#include <string_view>

namespace qd {

// "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)", T and Z in either case, to
// UTC seconds (the fraction dropped).  Throws Error on anything else.
std::chrono::sys_seconds parse_rfc3339(std::string_view text);

// What docker.py shows of a Created time: everything before the first ".".
std::string created_time_for_display(std::string_view created);

} // namespace qd
