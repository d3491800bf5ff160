#include "qemu_docker/agent/agent_binary.h"

#include <unistd.h>

namespace qd {

namespace fs = std::filesystem;

std::optional<fs::path> agent_binary() {
    std::error_code error;
    fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (error)
        return std::nullopt;
    fs::path dir = self.parent_path();
    for (fs::path candidate : {dir / "qemu-docker-cc-agent",
                               dir.parent_path() / "libexec/qemu-docker/qemu-docker-cc-agent"})
        if (fs::is_regular_file(candidate, error) && ::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    return std::nullopt;
}

} // namespace qd
