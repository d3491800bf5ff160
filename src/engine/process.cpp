#include "qemu_docker/engine/process.h"

namespace qd {

ProcessResult ProcessRunner::run(const SpawnRequest& request) {
    auto child = start(request);
    int interrupted_by = 0;
    for (WaitEvent event; !(event = child->wait()).exited;) {
        child->send(event.signal);
        interrupted_by = event.signal;
    }
    if (interrupted_by)
        throw Interrupted(interrupted_by);
    return child->result();
}

std::unique_ptr<ChildProcess> PosixSpawnRunner::start(const SpawnRequest& request) {
    return std::make_unique<ChildProcess>(request);
}

} // namespace qd
