#include "qemu_docker/cli/subcommand.h"
#include "qemu_docker/engine/container_run.h"
#include "qemu_docker/warm/warm_cc.h"

namespace qd {
namespace {

class CleanCommand : public Subcommand {
  public:
    int execute(const Invocation& inv) override {
        remove_instances(inv.find_engine(), std::nullopt, true);
        forget_warm_compiles();
        return 0;
    }
};

} // namespace

std::unique_ptr<Subcommand> make_clean_command() {
    return std::make_unique<CleanCommand>();
}

} // namespace qd
