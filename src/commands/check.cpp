#include "qemu_docker/cli/subcommand.h"
#include "qemu_docker/commands/included_executable.h"
#include "qemu_docker/engine/image_info.h"
#include "qemu_docker/image/dockerfile_checksum.h"
#include "qemu_docker/image/image_name.h"
#include "qemu_docker/util/error.h"
#include "qemu_docker/util/python_datetime.h"
#include "qemu_docker/util/python_text.h"
#include "qemu_docker/util/rfc3339.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>

namespace qd {
namespace {

// argparse's type=int reads the value as int() does; CLI11 alone would take
// "010" as octal and "0x10" as hex.
CLI::Validator python_int_validator() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            auto decimal = python_int_decimal(value);
            if (!decimal)
                return fmt::format("invalid int value: '{}'", value);
            value = *decimal;
            return {};
        },
        "INT");
}

class CheckCommand : public Subcommand {
  public:
    void define_options(CLI::App& app) override {
        app.add_option("tag", tag_, "The image to check")->required();
        app.add_option("dockerfile", dockerfile_, "The dockerfile it should match");
        app.add_option("--checktype", checktype_, "What to check: checksum or age")
            ->check(CLI::IsMember({"checksum", "age"}))
            ->capture_default_str();
        app.add_option("--olderthan", older_than_, "Age limit in minutes, for --checktype=age")
            ->transform(python_int_validator())
            ->capture_default_str();
        app.add_option("--include-executable,-e", executable_,
                       "Answer as build with this executable would (D9)");
        app.add_flag("--skip-binfmt", skip_binfmt_, "As build's --skip-binfmt");
    }

    int execute(const Invocation& inv) override {
        check_image_name("tag", tag_);
        std::error_code ec;
        if (!executable_.empty() && !std::filesystem::is_regular_file(executable_, ec))
            throw Error(fmt::format("--include-executable {}: no such file", executable_));
        Engine engine = inv.find_engine();
        auto info = inspect_image(engine, tag_);
        if (!info) {
            fmt::print("Image does not exist\n");
            return 1;
        }
        return checktype_ == "age" ? check_age(*info, inv.quiet)
                                   : check_checksum(*info, inv.quiet, *inv.runner);
    }

  private:
    // As build decides whether to rebuild: with -e, also by D9's label.
    int check_checksum(const ImageInfo& info, bool quiet, ProcessRunner& runner) const {
        if (dockerfile_.empty()) {
            fmt::print("Need a dockerfile for tag:{}\n", tag_);
            return 1;
        }
        ImageLabels wanted;
        wanted.dockerfile_checksum = dockerfile_checksum_of_file(dockerfile_);
        if (!executable_.empty())
            wanted.executable_checksum =
                plan_included_executable(executable_, skip_binfmt_, runner).checksum;
        if (!labels_match(info, wanted)) {
            fmt::print("Image needs updating\n");
            return 1;
        }
        if (!quiet)
            fmt::print("Image is up to date\n");
        return 0;
    }

    int check_age(const ImageInfo& info, bool quiet) const {
        auto created = parse_rfc3339(info.created);
        auto now = std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
        auto limit = minutes_before(now, older_than_);
        if (!limit)
            throw Error(
                fmt::format("--olderthan {}: that many minutes ago is outside the years 1 to 9999",
                            older_than_));
        if (created < *limit) {
            fmt::print("Image created @ {} more than {} minutes old\n",
                       created_time_for_display(info.created), older_than_);
            return 1;
        }
        if (!quiet)
            fmt::print("Image less than {} minutes old\n", older_than_);
        return 0;
    }

    std::string tag_;
    std::string dockerfile_;
    std::string checktype_ = "checksum";
    std::string older_than_ = "60"; // decimal, of any length as Python's int
    std::string executable_;
    bool skip_binfmt_ = false;
};

} // namespace

std::unique_ptr<Subcommand> make_check_command() {
    return std::make_unique<CheckCommand>();
}

} // namespace qd
