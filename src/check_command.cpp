#include "qemu_docker/error.h"
#include "qemu_docker/subcommand.h"

#include <CLI/CLI.hpp>

namespace qd {
namespace {

class CheckCommand : public Subcommand {
  public:
    void define_options(CLI::App& app) override {
        app.add_option("tag", tag_, "The image to check")->required();
        app.add_option("dockerfile", dockerfile_, "The dockerfile it should match");
        app.add_option("--checktype", checktype_, "What to check: checksum or age")
            ->check(CLI::IsMember({"checksum", "age"}))
            ->capture_default_str();
        app.add_option("--olderthan", older_than_, "Age limit in minutes, for --checktype=age")
            ->capture_default_str();
    }

    int execute(const Invocation&) override { throw Error("check is not implemented yet"); }

  private:
    std::string tag_;
    std::string dockerfile_;
    std::string checktype_ = "checksum";
    int older_than_ = 60;
};

} // namespace

std::unique_ptr<Subcommand> make_check_command() { return std::make_unique<CheckCommand>(); }

} // namespace qd
