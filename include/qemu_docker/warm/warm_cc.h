#pragma once

// `cc` through a warm container (warm_container.h): the container for the
// key is found or started (once: a lock per key), the compiler runs in it
// through the compile agent (src/agent) or, when the key has no agent or
// the engine would not start the agent's container, with `ENGINE exec`;
// a signal ends that compile inside the container.

#include "qemu_docker/engine/engine.h"
#include "qemu_docker/warm/warm_container.h"

#include <optional>
#include <string>
#include <vector>

namespace qd {

struct WarmCompile {
    WarmKey key;
    std::string cc;
    std::vector<std::string> args; // the compiler's
    bool quiet = false;
};

// The compiler's exit status (128+N after signal N), or nullopt when no warm
// container can serve (the image is missing, the keep-alive cannot run in
// it, no private state directory): then the caller runs the compile as
// without reuse.
std::optional<int> run_warm_compile(const Engine& engine, const WarmCompile& compile);

// Removes the current user's per-key files (each lock, taken first, and each
// podman shortcut), for `clean`.  They are for every engine's warm
// containers, also those another engine keeps: losing one costs the next
// compile of its key one `inspect` and a new lock file, nothing more.
void forget_warm_compiles();

} // namespace qd
