#include "qemu_docker/cli/argparse_split.h"

#include "qemu_docker/util/error.h"

#include <algorithm>
#include <fmt/format.h>

namespace qd {
namespace {

// What argparse makes of one argument: 'A' positional, 'O' option, '-' "--".
struct Token {
    char kind = 'A';
    const OptionSpec* option = nullptr; // null for an unknown option
    std::string option_string;
    std::optional<std::string> explicit_arg;
};

const OptionSpec* find_exact(const ParserSpec& spec, std::string_view name) {
    for (const auto& opt : spec.options)
        if (std::find(opt.names.begin(), opt.names.end(), name) != opt.names.end())
            return &opt;
    return nullptr;
}

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

std::string display_name(const OptionSpec& opt) {
    std::string out;
    // argparse lists long names first in messages when given first; keep order
    for (const auto& n : opt.names)
        out += (out.empty() ? "" : "/") + n;
    return out;
}

// Group lengths of argparse's positional regex ("-*A-*" or "-*A?-*" per
// positional), matched greedily at the start of `pattern`.
bool match_positionals(std::span<const PositionalSpec> specs, std::string_view pattern,
                       std::vector<size_t>& lengths) {
    if (specs.empty())
        return true;
    size_t lead_max = 0;
    while (lead_max < pattern.size() && pattern[lead_max] == '-')
        lead_max++;
    for (size_t lead = lead_max + 1; lead-- > 0;) {
        std::string_view after_lead = pattern.substr(lead);
        for (int take = 1; take >= (specs[0].optional ? 0 : 1); --take) {
            if (take && (after_lead.empty() || after_lead[0] != 'A'))
                continue;
            std::string_view after_a = after_lead.substr(take);
            size_t trail_max = 0;
            while (trail_max < after_a.size() && after_a[trail_max] == '-')
                trail_max++;
            for (size_t trail = trail_max + 1; trail-- > 0;) {
                lengths.push_back(lead + take + trail);
                if (match_positionals(specs.subspan(1), after_a.substr(trail), lengths))
                    return true;
                lengths.pop_back();
            }
        }
    }
    return false;
}

class KnownArgsParser {
  public:
    KnownArgsParser(const ParserSpec& spec, std::span<const std::string> args)
        : spec_(spec), args_(args), tokens_(tokenize(spec, args)),
          positionals_(spec.positionals.begin(), spec.positionals.end()) {
        for (const auto& t : tokens_)
            pattern_ += t.kind;
    }

    KnownArgs parse() {
        std::vector<size_t> option_indices;
        for (size_t i = 0; i < tokens_.size(); ++i)
            if (tokens_[i].kind == 'O')
                option_indices.push_back(i);
        size_t start = 0;
        for (size_t next_option : option_indices) {
            if (next_option < start)
                continue;
            if (start != next_option) {
                size_t end = consume_positionals(start);
                if (end > start) {
                    start = end;
                    if (start > next_option)
                        continue;
                }
            }
            if (start < next_option) {
                append_extras(start, next_option);
                start = next_option;
            }
            if (start == next_option)
                start = consume_optional(start);
        }
        size_t stop = consume_positionals(start);
        append_extras(stop, args_.size());
        require_positionals();
        return std::move(result_);
    }

  private:
    void append_extras(size_t from, size_t to) {
        for (size_t i = from; i < to; ++i)
            result_.extras.push_back(args_[i]);
    }

    size_t consume_positionals(size_t start) {
        std::string_view pattern(pattern_);
        pattern.remove_prefix(start);
        for (size_t n = positionals_.size(); n > 0; --n) {
            std::vector<size_t> lengths;
            if (!match_positionals(std::span(positionals_).first(n), pattern, lengths))
                continue;
            for (size_t i = 0; i < n; ++i) {
                take_positional(positionals_[i], start, lengths[i]);
                start += lengths[i];
            }
            positionals_.erase(positionals_.begin(), positionals_.begin() + n);
            break;
        }
        return start;
    }

    void take_positional(const PositionalSpec& spec, size_t start, size_t count) {
        std::vector<std::string> values(args_.begin() + start, args_.begin() + start + count);
        if (auto dd = std::find(values.begin(), values.end(), "--"); dd != values.end())
            values.erase(dd); // argparse drops the first "--" a positional took
        if (!values.empty())
            result_.positionals[spec.dest] = values.front();
    }

    void require_positionals() {
        std::string missing;
        for (const auto& p : positionals_)
            if (!p.optional)
                missing += (missing.empty() ? "" : ", ") + p.dest;
        if (!missing.empty())
            throw UsageError("the following arguments are required: " + missing);
    }

    size_t consume_optional(size_t index) {
        Token token = tokens_[index];
        if (!token.option) {
            result_.extras.push_back(args_[index]);
            return index + 1;
        }
        while (token.explicit_arg && token.option->arity == Arity::Flag) {
            // "-ux": a flag followed by more single-letter options
            const std::string& rest = *token.explicit_arg;
            bool single_dash = token.option_string.size() > 1 && token.option_string[1] != '-';
            const OptionSpec* next = single_dash && !rest.empty()
                                         ? find_exact(spec_, std::string("-") + rest[0])
                                         : nullptr;
            if (!next)
                throw UsageError(fmt::format("argument {}: ignored explicit argument '{}'",
                                             display_name(*token.option), rest));
            result_.options[token.option->dest] = {};
            token = {'O', next, std::string("-") + rest[0],
                     rest.size() > 1 ? std::optional(rest.substr(1)) : std::nullopt};
        }
        if (token.explicit_arg) {
            result_.options[token.option->dest] = {*token.explicit_arg};
            return index + 1;
        }
        size_t next = index + 1;
        std::vector<std::string> values;
        if (token.option->arity == Arity::One) {
            if (next >= tokens_.size() || tokens_[next].kind != 'A')
                throw UsageError(
                    fmt::format("argument {}: expected one argument", display_name(*token.option)));
            values.push_back(args_[next++]);
        } else if (token.option->arity == Arity::List) {
            while (next < tokens_.size() && tokens_[next].kind == 'A')
                values.push_back(args_[next++]);
        }
        result_.options[token.option->dest] = std::move(values);
        return next;
    }

    const ParserSpec& spec_;
    std::span<const std::string> args_;
    std::vector<Token> tokens_;
    std::string pattern_;
    std::vector<PositionalSpec> positionals_;
    KnownArgs result_;
};

} // namespace

KnownArgs parse_known_args(const ParserSpec& spec, std::span<const std::string> args) {
    return KnownArgsParser(spec, args).parse();
}

TopLevelSplit split_top_level(const ParserSpec& spec, std::span<const std::string> args) {
    // The subcommand is the first positional (or "--", which argparse then
    // rejects as a subcommand name); parse what comes before it.
    auto tokens = tokenize(spec, args);
    size_t i = 0;
    while (i < tokens.size()) {
        if (tokens[i].kind == '-' && i + 1 < tokens.size())
            break;
        if (tokens[i].kind == 'A')
            break;
        if (tokens[i].kind == 'O' && tokens[i].option && !tokens[i].explicit_arg &&
            tokens[i].option->arity != Arity::Flag) {
            i += 2; // the option's value; parse_known_args checks it
            continue;
        }
        i++;
    }
    TopLevelSplit split;
    split.global = parse_known_args(spec, args.first(std::min(i, args.size())));
    if (i < args.size()) {
        split.subcommand = args[i];
        split.rest.assign(args.begin() + i + 1, args.end());
    }
    return split;
}

} // namespace qd
