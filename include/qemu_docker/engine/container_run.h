#pragma once

// Running containers that qemu-docker keeps track of with a uuid label, and
// removing them again (after Ctrl-C, kill or a failure, and for `clean`).

#include "qemu_docker/engine/engine.h"
#include "qemu_docker/engine/engine_argv.h"

#include <optional>
#include <string>
#include <vector>

namespace qd {

struct ContainerRun {
    std::vector<std::string> args; // after run --rm --label ...
    bool keep = false;             // don't track (docker.py's --keep)
    bool quiet = false;
    std::optional<RunAsUser> user; // as the current user (current_user_mapping)
};

// How a container runs as the current user with ENGINE: -u UID, with
// --userns=keep-id for rootless podman (D5), and nothing for rootless docker
// (whose root is the user).  Asks the engine whether it is rootless once.
RunAsUser current_user_mapping(Engine& engine);

// Whether the engine runs on this machine, as far as it said (after
// current_user_mapping): its bind mounts then name our directories.
bool engine_runs_here(const Engine& engine);

// This machine's name (gethostname), as engines say theirs.
std::string this_host_name();

// ENGINE run ...; returns the engine's exit status, or 128+signal when
// SIGINT, SIGTERM or SIGHUP made us remove the container.
int run_container(Engine& engine, const ContainerRun& run);

// Prints "filter=FILTER" as docker.py does, lists the labelled containers
// (only this uuid's, or all) and removes each with rm -f.
void remove_instances(const Engine& engine, const std::optional<std::string>& uuid, bool all);

} // namespace qd
