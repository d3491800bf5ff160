#include "qemu_docker/cli/subcommand.h"
#include "qemu_docker/engine/probe_cache.h"
#include "qemu_docker/util/trace.h"

#include <cstdio>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace qd {
namespace {

// On stderr, so that configure's `case` still reads one word.
void say_why(const std::vector<ProbeFailure>& failures) {
    std::fflush(stdout);
    for (const auto& failure : failures)
        fmt::print(stderr, "qemu-docker: {} version: {}\n", failure.command, failure.reason);
    fmt::print(stderr, "qemu-docker: no container engine works; `qemu-docker doctor` says why "
                       "and how to mend it\n");
}

class ProbeCommand : public Subcommand {
  public:
    int execute(const Invocation& inv) override {
        if (!inv.engine_command.empty()) { // named, not probed
            fmt::print("{}\n", fmt::join(inv.engine_command, " "));
            return 0;
        }
        // Always asks the engines (configure relies on the answer), then
        // leaves it for the commands that follow.
        std::vector<ProbeFailure> failures;
        auto found = probe_engine(inv.engine_choice, *inv.runner, &failures);
        if (auto cache = ProbeCache::open(inv.engine_choice)) {
            trace(fmt::format("probe cache: {} {}", found ? "refreshed" : "dropped",
                              cache->file().string()));
            found ? cache->store(*found) : cache->drop();
        }
        fmt::print("{}\n", found ? probe_name(found->kind) : "no");
        if (!found)
            say_why(failures);
        return 0;
    }
};

} // namespace

std::unique_ptr<Subcommand> make_probe_command() {
    return std::make_unique<ProbeCommand>();
}

} // namespace qd
