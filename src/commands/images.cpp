#include "qemu_docker/cli/subcommand.h"

namespace qd {
namespace {

class ImagesCommand : public Subcommand {
  public:
    int execute(const Invocation& inv) override {
        std::vector<std::string> args = {"images"};
        args.insert(args.end(), inv.passthrough.begin(), inv.passthrough.end());
        return inv.find_engine().run(args, inv.quiet).status();
    }
};

} // namespace

std::unique_ptr<Subcommand> make_images_command() {
    return std::make_unique<ImagesCommand>();
}

} // namespace qd
