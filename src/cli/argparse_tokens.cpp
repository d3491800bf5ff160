#include "qemu_docker/cli/argparse_tokens.h"

#include "qemu_docker/util/error.h"

#include <algorithm>
#include <fmt/format.h>

namespace qd {
namespace {

bool is_negative_number(const std::string& s) {
    // argparse: ^-\d+$|^-\d*\.\d+$
    if (s.size() < 2 || s[0] != '-')
        return false;
    auto digits = [](std::string_view v) {
        return std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    std::string_view rest(s);
    rest.remove_prefix(1);
    auto dot = rest.find('.');
    if (dot == std::string_view::npos)
        return digits(rest);
    auto frac = rest.substr(dot + 1);
    return digits(rest.substr(0, dot)) && !frac.empty() && digits(frac);
}

struct Match {
    const OptionSpec* option;
    std::string option_string;
    std::optional<std::string> explicit_arg;
};

// argparse's _get_option_tuples: abbreviations and "-xVALUE" forms.
std::vector<Match> option_tuples(const ParserSpec& spec, const std::string& arg) {
    std::vector<Match> result;
    if (arg.size() > 1 && arg[1] == '-') {
        std::string prefix = arg;
        std::optional<std::string> explicit_arg;
        if (auto eq = arg.find('='); eq != std::string::npos) {
            prefix = arg.substr(0, eq);
            explicit_arg = arg.substr(eq + 1);
        }
        for (const auto& opt : spec.options)
            for (const auto& name : opt.names)
                if (name.starts_with(prefix))
                    result.push_back({&opt, name, explicit_arg});
        return result;
    }
    std::string short_prefix = arg.substr(0, 2);
    for (const auto& opt : spec.options)
        for (const auto& name : opt.names) {
            if (name == short_prefix)
                result.push_back({&opt, name, arg.substr(2)});
            else if (name.starts_with(arg))
                result.push_back({&opt, name, std::nullopt});
        }
    return result;
}

Token classify(const ParserSpec& spec, const std::string& arg) {
    if (arg.empty() || arg[0] != '-')
        return {};
    if (auto* opt = find_exact(spec, arg))
        return {'O', opt, arg, std::nullopt};
    if (arg.size() == 1)
        return {};
    if (auto eq = arg.find('='); eq != std::string::npos) {
        std::string name = arg.substr(0, eq);
        if (auto* opt = find_exact(spec, name))
            return {'O', opt, name, arg.substr(eq + 1)};
    }
    auto matches = option_tuples(spec, arg);
    if (matches.size() > 1) {
        std::string names;
        for (const auto& m : matches)
            names += (names.empty() ? "" : ", ") + m.option_string;
        throw UsageError(fmt::format("ambiguous option: {} could match {}", arg, names));
    }
    if (matches.size() == 1)
        return {'O', matches[0].option, matches[0].option_string, matches[0].explicit_arg};
    if (is_negative_number(arg) || arg.find(' ') != std::string::npos)
        return {};
    return {'O', nullptr, arg, std::nullopt};
}

} // namespace

const OptionSpec* find_exact(const ParserSpec& spec, std::string_view name) {
    for (const auto& opt : spec.options)
        if (std::find(opt.names.begin(), opt.names.end(), name) != opt.names.end())
            return &opt;
    return nullptr;
}

std::vector<Token> tokenize(const ParserSpec& spec, std::span<const std::string> args) {
    std::vector<Token> tokens;
    bool after_double_dash = false;
    for (const auto& arg : args) {
        if (after_double_dash) {
            tokens.push_back({});
        } else if (arg == "--") {
            tokens.push_back({'-', nullptr, "--", std::nullopt});
            after_double_dash = true;
        } else {
            tokens.push_back(classify(spec, arg));
        }
    }
    return tokens;
}

} // namespace qd
