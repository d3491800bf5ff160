// The argparse-compatible splitting of the command line, with qemu-docker's
// own option tables.  The input is the arguments, NUL separated.  Only
// qd::Error is thrown (by the splitter and by the whole CommandLine), no
// argument is lost or reordered, and every value comes from an argument.

#include "fuzz_support.h"
#include "qemu_docker/cli/argparse_split.h"
#include "qemu_docker/cli/command_line.h"
#include "qemu_docker/util/error.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <map>

namespace {

struct Specs {
    qd::ParserSpec top;
    std::map<std::string, qd::ParserSpec> subcommands;
};

// The tables CommandLine derives from its CLI11 definitions, built the same way.
const Specs& specs() {
    static const Specs built = [] {
        CLI::App app;
        std::string engine;
        app.add_option("--engine", engine);
        std::vector<std::unique_ptr<qd::Subcommand>> commands; // own the bound variables
        Specs s;
        for (const auto& info : qd::subcommand_table()) {
            CLI::App* sub = app.add_subcommand(info.name);
            sub->add_flag("--quiet");
            commands.push_back(info.create());
            commands.back()->define_options(*sub);
            s.subcommands[info.name] = qd::CommandLine::spec_of(*sub);
        }
        s.top = qd::CommandLine::spec_of(app);
        return s;
    }();
    return built;
}

bool is_subsequence(const std::vector<std::string>& part, std::span<const std::string> whole) {
    auto it = whole.begin();
    for (const auto& p : part) {
        it = std::find(it, whole.end(), p);
        if (it == whole.end())
            return false;
        ++it;
    }
    return true;
}

// A value is an argument, or the end of one ("--tag=V", "-tV", "-uxV").
bool from_an_argument(const std::string& value, std::span<const std::string> args) {
    return std::any_of(args.begin(), args.end(),
                       [&](const std::string& a) { return a.ends_with(value); });
}

void require_known_args(const qd::KnownArgs& known, std::span<const std::string> args) {
    using qd::fuzz::require;
    require(is_subsequence(known.extras, args), "extras keep their order");
    for (const auto& [dest, values] : known.options)
        for (const auto& v : values)
            require(from_an_argument(v, args), "an option's value comes from an argument");
    for (const auto& [dest, value] : known.positionals)
        require(from_an_argument(value, args), "a positional comes from an argument");
}

// Splits as CommandLine::parse does; true when the command line asks for help.
bool split_and_check(std::span<const std::string> args) {
    using qd::fuzz::require;
    const qd::TopLevelSplit split = qd::split_top_level(specs().top, args);
    require_known_args(split.global, args);
    require(split.subcommand || split.rest.empty(), "no subcommand, nothing after it");
    if (split.subcommand) {
        const std::size_t at = args.size() - split.rest.size() - 1;
        require(args[at] == *split.subcommand &&
                    std::equal(split.rest.begin(), split.rest.end(), args.begin() + at + 1),
                "the subcommand is followed by the rest of the arguments");
    }
    if (split.global.options.contains("--help"))
        return true;
    auto sub = specs().subcommands.find(split.subcommand.value_or(""));
    if (sub == specs().subcommands.end())
        return false;
    const qd::KnownArgs known = qd::parse_known_args(sub->second, split.rest);
    require_known_args(known, split.rest);
    return known.options.contains("--help");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto args = qd::fuzz::split_on_nul(qd::fuzz::as_text(data, size));
    try {
        if (split_and_check(args))
            return 0; // CommandLine would print the help
    } catch (const qd::Error&) {
    }
    try {
        qd::CommandLine().parse(args);
    } catch (const qd::Error&) {
    }
    return 0;
}
