#include "qemu_docker/error.h"
#include "qemu_docker/subcommand.h"

#include <CLI/CLI.hpp>

namespace qd {
namespace {

class BuildCommand : public Subcommand {
  public:
    void define_options(CLI::App& app) override {
        app.add_option("--include-executable,-e", executable_,
                       "An executable to copy into the image with the libraries it needs");
        app.add_flag("--skip-binfmt", skip_binfmt_, "Don't check the binfmt_misc entry");
        app.add_option("--extra-files", extra_files_, "Files to copy into the build context");
        app.add_flag("--add-current-user,-u", add_user_, "Add the current user to the image");
        app.add_option("--registry,-r", registry_, "A registry to pull parents and cache from");
        app.add_option("-t", tag_, "The image's tag");
        app.add_option("-f", dockerfile_, "The dockerfile");
    }

    int execute(const Invocation&) override { throw Error("build is not implemented yet"); }

  private:
    std::string executable_;
    bool skip_binfmt_ = false;
    std::vector<std::string> extra_files_;
    bool add_user_ = false;
    std::string registry_;
    std::string tag_;
    std::string dockerfile_;
};

} // namespace

std::unique_ptr<Subcommand> make_build_command() { return std::make_unique<BuildCommand>(); }

} // namespace qd
