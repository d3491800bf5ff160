#include "qemu_docker/error.h"
#include "qemu_docker/subcommand.h"

#include <CLI/CLI.hpp>

namespace qd {
namespace {

class UpdateCommand : public Subcommand {
  public:
    void define_options(CLI::App& app) override {
        app.add_option("tag", tag_, "The image to update")->required();
        app.add_option("--executable", executable_,
                       "An executable to add at its binfmt_misc interpreter path");
        app.add_flag("--add-current-user,-u", add_user_, "Add the current user to the image");
    }

    int execute(const Invocation&) override { throw Error("update is not implemented yet"); }

  private:
    std::string tag_;
    std::string executable_;
    bool add_user_ = false;
};

} // namespace

std::unique_ptr<Subcommand> make_update_command() { return std::make_unique<UpdateCommand>(); }

} // namespace qd
