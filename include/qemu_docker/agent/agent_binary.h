#pragma once

// Where the compile agent is: beside qemu-docker (a build tree), or in
// ../libexec/qemu-docker (installed).

#include <filesystem>
#include <optional>

namespace qd {

// The agent's path, or nullopt when neither place has an executable one.
std::optional<std::filesystem::path> agent_binary();

} // namespace qd
