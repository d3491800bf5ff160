#pragma once

// The command line: CLI11 holds the option definitions, checks and converts
// the values and prints the help; the argparse-compatible splitter
// (argparse_split.h) decides which arguments are ours and which pass through
// to the engine.  Each argument is read once, by the splitter, and its
// values go straight to the CLI11 option they belong to.

#include "qemu_docker/cli/argparse_split.h"
#include "qemu_docker/cli/subcommand.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

namespace qd {

// What the splitter makes of a command line, before any value is stored.
struct SplitCommandLine {
    KnownArgs global;                           // the options before the subcommand
    const SubcommandInfo* subcommand = nullptr; // none when --help came first
    KnownArgs own;                              // the subcommand's options and positionals
    std::vector<std::string> passthrough;       // for the engine, in order
};

// "qemu-docker VERSION (git DESCRIBE)", what --version prints.
std::string version_text();

class CommandLine {
  public:
    CommandLine();

    // The split of args (without argv[0]).  Throws UsageError for a bad
    // command line: no or an unknown subcommand, or what the splitter finds.
    SplitCommandLine split(const std::vector<std::string>& args) const;

    // Splits args, then stores, checks and converts their values.  Returns
    // false when help was printed.  Throws UsageError for a bad command line.
    bool parse(const std::vector<std::string>& args);

    Subcommand& subcommand() const { return *selected_; }
    Invocation invocation(ProcessRunner& runner) const;

    // The argparse view of an app's options, derived from its definitions.
    static ParserSpec spec_of(const CLI::App& app);

  private:
    CLI::App app_;
    std::vector<std::unique_ptr<Subcommand>> commands_;
    EngineChoice engine_ = EngineChoice::Auto;
    std::string engine_command_;            // --command, as given
    std::vector<std::string> engine_words_; // and split on spaces
    CLI::App* selected_app_ = nullptr;
    Subcommand* selected_ = nullptr;
    std::vector<std::string> passthrough_;
};

} // namespace qd
