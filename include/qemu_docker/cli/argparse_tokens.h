#pragma once

// How argparse classifies each argument before it parses (the first half of
// argparse_split.h): an option of the parser (possibly abbreviated, with
// "=VALUE" or a "-xVALUE" tail), an unknown option, a positional, or "--".

#include "qemu_docker/cli/argparse_split.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qd {

struct Token {
    char kind = 'A';                    // 'A' positional, 'O' option, '-' "--"
    const OptionSpec* option = nullptr; // null for an unknown option
    std::string option_string;
    std::optional<std::string> explicit_arg;
};

// The option one of whose names is exactly NAME, or null.
const OptionSpec* find_exact(const ParserSpec& spec, std::string_view name);

// One token per argument; everything after the first "--" is positional.
// Throws UsageError for an ambiguous abbreviation.
std::vector<Token> tokenize(const ParserSpec& spec, std::span<const std::string> args);

} // namespace qd
