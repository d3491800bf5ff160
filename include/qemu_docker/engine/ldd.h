#pragma once

// Running `ldd EXECUTABLE` for the libraries --include-executable and
// --executable put into an image.

#include "qemu_docker/engine/process.h"

#include <optional>
#include <string>
#include <vector>

namespace qd {

struct LddResult {
    std::optional<std::vector<std::string>> libraries; // none: ldd failed (static)
    std::string errors; // ldd's stderr, for the caller to show when it matters
};

// The libraries ldd names, as docker.py's regex reads them.  Throws Error
// when ldd cannot be run at all.
LddResult run_ldd(const std::string& executable, ProcessRunner& runner);

} // namespace qd
