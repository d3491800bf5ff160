#pragma once

// Splits a command line the way Python's argparse parse_known_args() does,
// which is what QEMU's Makefiles rely on: a subcommand's own options are
// taken from anywhere, long options may be abbreviated, and everything else
// passes through to the engine in its original order.  The option table
// comes from the CLI11 definitions (see command_line.h); this file only
// splits, argparse_tokens.h classifies.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace qd {

enum class Arity { Flag, One, List }; // argparse nargs 0, None, '*'

struct OptionSpec {
    std::vector<std::string> names; // "-t", "--tag", ...
    Arity arity = Arity::One;
    std::string dest;
};

struct PositionalSpec {
    std::string dest;
    bool optional = false; // nargs '?'
};

struct ParserSpec {
    std::vector<OptionSpec> options;
    std::vector<PositionalSpec> positionals;
};

struct KnownArgs {
    // dest -> values of the last occurrence (empty for a flag)
    std::map<std::string, std::vector<std::string>> options;
    // dest -> value, for the positionals that were given
    std::map<std::string, std::string> positionals;
    std::vector<std::string> extras;
};

// One subparser's parse_known_args().  Throws UsageError as argparse would.
KnownArgs parse_known_args(const ParserSpec& spec, std::span<const std::string> args);

struct TopLevelSplit {
    KnownArgs global;                      // options before the subcommand
    std::optional<std::string> subcommand; // nullopt when none was given ("" may be)
    std::vector<std::string> rest;         // everything after the subcommand name
};

// The top-level parser: global options, then the first positional names the
// subcommand and everything after it belongs to the subcommand.
TopLevelSplit split_top_level(const ParserSpec& spec, std::span<const std::string> args);

} // namespace qd
