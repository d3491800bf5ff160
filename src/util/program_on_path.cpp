#include "qemu_docker/util/program_on_path.h"

#include <cstdlib>
#include <sstream>
#include <unistd.h>

namespace qd {

namespace fs = std::filesystem;

std::optional<fs::path> program_on_path(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
        std::error_code error;
        if (::access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate, error))
            return candidate;
    }
    return std::nullopt;
}

} // namespace qd
