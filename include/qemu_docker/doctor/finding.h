#pragma once

// One line of `qemu-docker doctor`'s report.

#include <string>
#include <string_view>

namespace qd {

enum class Level { Ok, Warn, Fail };

struct Finding {
    Level level = Level::Ok;
    std::string check;  // what was looked at: "podman version", "docker socket"
    std::string detail; // what was found, in one line
    std::string fix;    // what to do about it; empty when nothing
};

// "ok", "warn" or "fail".
std::string_view level_name(Level level);

} // namespace qd
