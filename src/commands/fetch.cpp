#include "qemu_docker/cli/subcommand.h"
#include "qemu_docker/engine/engine_argv.h"
#include "qemu_docker/image/image_name.h"
#include "qemu_docker/util/error.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace qd {
namespace {

class FetchCommand : public Subcommand {
  public:
    void define_options(CLI::App& app) override {
        app.add_option("tag", tag_, "The local tag for the image")->required();
        app.add_option("registry", registry_, "The registry to pull from")->required();
    }

    int execute(const Invocation& inv) override {
        check_image_name("tag", tag_);
        check_image_name("registry", registry_);
        Engine engine = inv.find_engine();
        std::string remote = registry_ + "/" + tag_;
        if (auto pulled = engine.run(pull_argv(remote), inv.quiet); !pulled.ok())
            throw Error(fmt::format("pulling {} failed", remote), pulled.status());
        if (auto tagged = engine.run(tag_argv(remote, tag_), inv.quiet); !tagged.ok())
            throw Error(fmt::format("tagging {} as {} failed", remote, tag_), tagged.status());
        return 0;
    }

  private:
    std::string tag_;
    std::string registry_;
};

} // namespace

std::unique_ptr<Subcommand> make_fetch_command() {
    return std::make_unique<FetchCommand>();
}

} // namespace qd
