#pragma once

// Starting a program with posix_spawnp: its descriptors, environment,
// working directory and signal state, as SpawnRequest says.

#include "qemu_docker/engine/process.h"
#include "qemu_docker/util/unique_fd.h"

#include <string>
#include <sys/types.h>

namespace qd {

struct SpawnedProcess {
    pid_t pid = -1;    // -1: not started, see error
    UniqueFd out, err; // the read ends of the captured stdout and stderr
    std::string error; // why it could not be started
};

// Starts REQUEST's program.  Throws Error when the pipes cannot be made.
SpawnedProcess spawn_process(const SpawnRequest& request);

} // namespace qd
