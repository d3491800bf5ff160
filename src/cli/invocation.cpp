#include "qemu_docker/cli/subcommand.h"
#include "qemu_docker/engine/probe_cache.h"

namespace qd {

Engine Invocation::find_engine() const {
    if (!engine_command.empty())
        return Engine(engine_named_by(engine_command), *runner);
    return Engine::find(engine_choice, *runner, ProbeCache::open(engine_choice));
}

} // namespace qd
