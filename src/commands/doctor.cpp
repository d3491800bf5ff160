#include "qemu_docker/cli/subcommand.h"
#include "qemu_docker/doctor/examine.h"
#include "qemu_docker/doctor/report.h"
#include "qemu_docker/util/error.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

namespace qd {
namespace {

// Says which engine works and why the others do not (docs/compatibility.md:
// an addition).  Changes nothing; exit 0 when an engine works, else 1.
class DoctorCommand : public Subcommand {
  public:
    void define_options(CLI::App& app) override {
        app.add_flag("--json", json_, "Print the findings as JSON, for scripts");
    }

    int execute(const Invocation& inv) override {
        if (!inv.passthrough.empty())
            throw UsageError(
                fmt::format("unrecognized arguments: {}", fmt::join(inv.passthrough, " ")));
        auto candidates = inv.engine_command.empty()
                              ? engine_candidates(inv.engine_choice)
                              : std::vector<EngineCommand>{engine_named_by(inv.engine_command)};
        Report report = examine(candidates, *inv.runner);
        const char* no_colour = std::getenv("NO_COLOR");
        bool colour = ::isatty(STDOUT_FILENO) && !(no_colour && *no_colour);
        fmt::print("{}", json_ ? report_json(report) : report_table(report, colour));
        return report.engine ? 0 : 1;
    }

  private:
    bool json_ = false;
};

} // namespace

std::unique_ptr<Subcommand> make_doctor_command() {
    return std::make_unique<DoctorCommand>();
}

} // namespace qd
