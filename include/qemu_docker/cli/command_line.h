#pragma once

// The command line: CLI11 holds the option definitions and the help; the
// argparse-compatible splitter (argparse_split.h) decides which arguments
// are ours and which pass through to the engine.

#include "qemu_docker/cli/argparse_split.h"
#include "qemu_docker/cli/subcommand.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

namespace qd {

class CommandLine {
  public:
    CommandLine();

    // Parses args (without argv[0]).  Returns false when help was printed.
    // Throws UsageError for a bad command line.
    bool parse(const std::vector<std::string>& args);

    Subcommand& subcommand() const { return *selected_; }
    // The selected subcommand's CLI11 app, holding the parsed values.
    const CLI::App& subcommand_app() const { return *selected_app_; }
    Invocation invocation(ProcessRunner& runner) const;

    // The argparse view of an app's options, derived from its definitions.
    static ParserSpec spec_of(const CLI::App& app);
    // The same values as arguments CLI11 reads unambiguously.
    static std::vector<std::string> canonical_args(const CLI::App& app, const KnownArgs& known);

  private:
    CLI::App app_;
    std::vector<std::unique_ptr<Subcommand>> commands_;
    std::string engine_ = "auto";
    CLI::App* selected_app_ = nullptr;
    Subcommand* selected_ = nullptr;
    std::vector<std::string> passthrough_;
};

} // namespace qd
