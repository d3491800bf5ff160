#include "qemu_docker/cli/subcommand.h"

#include <fmt/format.h>

namespace qd {
namespace {

class ProbeCommand : public Subcommand {
  public:
    int execute(const Invocation& inv) override {
        auto found = probe_engine(inv.engine_choice, *inv.runner);
        fmt::print("{}\n", found ? probe_name(found->kind) : "no");
        return 0;
    }
};

} // namespace

std::unique_ptr<Subcommand> make_probe_command() {
    return std::make_unique<ProbeCommand>();
}

} // namespace qd
