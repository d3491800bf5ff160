#pragma once

// docker.py's judgement of the binfmt_misc entry named after an executable:
// whether an image can run it, where the executable goes in the image, and
// what to say about it.

#include "qemu_docker/image/binfmt.h"

#include <optional>
#include <string>
#include <vector>

namespace qd {

struct BinfmtDecision {
    bool enabled = false;
    std::optional<std::string> interpreter; // where the executable goes; none for F
    std::vector<std::string> messages;      // what docker.py prints about it
};

// The decision for ENTRY, the executable's entry (none: there is no entry).
BinfmtDecision decide_binfmt(const std::string& executable,
                             const std::optional<BinfmtEntry>& entry);

// Reads the executable's entry in /proc/sys/fs/binfmt_misc and decides.
BinfmtDecision check_binfmt(const std::string& executable);

} // namespace qd
