#pragma once

// Where a program named without a slash is found, as posix_spawnp looks.

#include <filesystem>
#include <optional>
#include <string>

namespace qd {

// The first executable NAME in $PATH's directories (an empty entry is the
// current directory; no PATH: /usr/local/bin:/usr/bin:/bin), or nullopt.
std::optional<std::filesystem::path> program_on_path(const std::string& name);

} // namespace qd
