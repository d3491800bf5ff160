#include "qemu_docker/cli/subcommand.h"
#include "qemu_docker/engine/container_run.h"

#include <CLI/CLI.hpp>

namespace qd {
namespace {

class RunCommand : public Subcommand {
  public:
    void define_options(CLI::App& app) override {
        app.add_flag("--keep", keep_, "Leave the container untracked (not removed on Ctrl-C)");
        app.add_flag("--run-as-current-user", as_user_,
                     "Run the container with the current user's uid");
    }

    int execute(const Invocation& inv) override {
        Engine engine = inv.find_engine();
        std::optional<RunAsUser> user;
        if (as_user_)
            user = current_user_mapping(engine);
        return run_container(engine, {inv.passthrough, keep_, inv.quiet, user});
    }

  private:
    bool keep_ = false;
    bool as_user_ = false;
};

} // namespace

std::unique_ptr<Subcommand> make_run_command() {
    return std::make_unique<RunCommand>();
}

} // namespace qd
