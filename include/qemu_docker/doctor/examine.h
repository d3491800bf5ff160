#pragma once

// doctor's walk: each candidate engine in the probe's order, then the first
// that works (what `probe` would answer).

#include "qemu_docker/doctor/finding.h"
#include "qemu_docker/engine/engine.h"

#include <optional>
#include <string>
#include <vector>

namespace qd {

struct Report {
    std::vector<Finding> findings;
    std::optional<std::string> engine; // the command of the first that works
};

// CANDIDATES: engine_candidates(), or the one --command names.
Report examine(const std::vector<EngineCommand>& candidates, ProcessRunner& runner);

} // namespace qd
