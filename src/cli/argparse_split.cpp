#include "qemu_docker/cli/argparse_split.h"

#include "qemu_docker/cli/argparse_tokens.h"
#include "qemu_docker/util/error.h"

#include <algorithm>
#include <fmt/format.h>

namespace qd {
namespace {

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
        // Positionals and option values are runs of 'A' (and '-'), so
        // neither reaches past the next option.
        size_t start = 0;
        for (size_t next_option : option_indices) {
            if (start < next_option)
                start = consume_positionals(start);
            append_extras(start, next_option);
            start = consume_optional(next_option);
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

    // argparse's help action prints and exits when it is reached, before
    // the required positionals are looked for.
    bool help_given() const {
        for (const auto& option : spec_.options)
            if (std::find(option.names.begin(), option.names.end(), "--help") !=
                    option.names.end() &&
                result_.options.contains(option.dest))
                return true;
        return false;
    }

    void require_positionals() {
        if (help_given())
            return;
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
