#pragma once

// What --include-executable puts into an image, worked out before the
// up-to-date check so that a changed executable or library makes the image
// stale (D9), and what the commands say about ldd.

#include "qemu_docker/engine/ldd.h"
#include "qemu_docker/image/binfmt_decision.h"
#include "qemu_docker/image/image_files.h"

#include <optional>
#include <string>
#include <vector>

namespace qd {

struct IncludedExecutable {
    BinfmtDecision binfmt;
    std::optional<ImageFile> executable; // none: only libraries (F flag, or no entry)
    LddResult ldd;
    std::vector<ImageFile> libraries;
    std::optional<std::string> checksum; // D9's label; none without a binfmt_misc entry
};

// The decision for EXECUTABLE's binfmt_misc entry (with SKIP_BINFMT: it goes
// where it is), then, where the image can run it, ldd and the checksum.
IncludedExecutable plan_included_executable(const std::string& executable, bool skip_binfmt,
                                            ProcessRunner& runner);

// Shows what ldd said on stderr, and says on stdout when it named no
// libraries, as docker.py does once it copies them.
void report_ldd(const LddResult& ldd, const std::string& executable);

} // namespace qd
