#include "qemu_docker/image/binfmt_decision.h"

#include "qemu_docker/util/error.h"

#include <filesystem>
#include <fmt/format.h>

namespace qd {

BinfmtDecision decide_binfmt(const std::string& executable,
                             const std::optional<BinfmtEntry>& entry) {
    std::string name = std::filesystem::path(executable).filename().string();
    BinfmtDecision d;
    if (!entry) {
        d.messages.push_back(fmt::format("No binfmt_misc entry for {}", name));
        return d;
    }
    d.enabled = true;
    if (entry->persistent) {
        d.messages.push_back(
            fmt::format("binfmt_misc for {} uses persistent(F) mapping to host binary", name));
        return d;
    }
    if (!entry->interpreter)
        throw Error(fmt::format("binfmt_misc entry for {} names no interpreter", name));
    d.interpreter = entry->interpreter;
    if (*entry->interpreter != executable)
        d.messages.push_back(fmt::format("binfmt_misc for {} does not point to {}, using {}", name,
                                         executable, *entry->interpreter));
    return d;
}

BinfmtDecision check_binfmt(const std::string& executable) {
    return decide_binfmt(executable, read_binfmt_entry(binfmt_entry_path(executable)));
}

} // namespace qd
