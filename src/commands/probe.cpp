#include "qemu_docker/cli/subcommand.h"
#include "qemu_docker/engine/probe_cache.h"
#include "qemu_docker/util/trace.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace qd {
namespace {

class ProbeCommand : public Subcommand {
  public:
    int execute(const Invocation& inv) override {
        if (!inv.engine_command.empty()) { // named, not probed
            fmt::print("{}\n", fmt::join(inv.engine_command, " "));
            return 0;
        }
        // Always asks the engines (configure relies on the answer), then
        // leaves it for the commands that follow.
        auto found = probe_engine(inv.engine_choice, *inv.runner);
        if (auto cache = ProbeCache::open(inv.engine_choice)) {
            trace(fmt::format("probe cache: {} {}", found ? "refreshed" : "dropped",
                              cache->file().string()));
            found ? cache->store(*found) : cache->drop();
        }
        fmt::print("{}\n", found ? probe_name(found->kind) : "no");
        return 0;
    }
};

} // namespace

std::unique_ptr<Subcommand> make_probe_command() {
    return std::make_unique<ProbeCommand>();
}

} // namespace qd
