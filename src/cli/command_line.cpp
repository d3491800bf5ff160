#include "qemu_docker/cli/command_line.h"

#include "qemu_docker/util/error.h"
#include "qemu_docker/version.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace qd {
namespace {

// --engine's values, in any case (docker.py: type=str.lower and choices).
const std::map<std::string, EngineChoice> kEngineNames = {{"auto", EngineChoice::Auto},
                                                          {"docker", EngineChoice::Docker},
                                                          {"podman", EngineChoice::Podman}};

const SubcommandInfo& find_subcommand(const std::string& name) {
    auto table = subcommand_table();
    auto it =
        std::find_if(table.begin(), table.end(), [&](const auto& i) { return name == i.name; });
    if (it != table.end())
        return *it;
    std::string names;
    for (const auto& i : table)
        names += fmt::format("{}'{}'", names.empty() ? "" : ", ", i.name);
    throw UsageError(
        fmt::format("argument subcommand: invalid choice: '{}' (choose from {})", name, names));
}

// Hands each of APP's options the values the splitter found for it, as
// CLI11's own parser would (a flag gets its flag value).
void add_results(CLI::App& app, const KnownArgs& known) {
    for (CLI::Option* opt : app.get_options()) {
        const std::string& name = opt->get_name();
        if (opt->get_positional()) {
            if (auto found = known.positionals.find(name); found != known.positionals.end())
                opt->add_result(found->second);
            continue;
        }
        auto found = known.options.find(name);
        if (found == known.options.end())
            continue;
        if (opt->get_expected_max() == 0)
            opt->add_result(opt->get_flag_value(name, ""));
        for (const auto& value : found->second)
            opt->add_result(value);
    }
}

// Checks, converts and stores the values given (CLI11's validators).
void store_results(CLI::App& app) {
    for (CLI::Option* opt : app.get_options())
        if (*opt)
            opt->run_callback();
}

// --command's words; an option given but empty is an error.
std::vector<std::string> split_engine_command(const std::string& text) {
    std::vector<std::string> words;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = std::min(text.find(' ', start), text.size());
        if (end > start)
            words.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

void check_required(const CLI::App& app) {
    for (const CLI::Option* opt : app.get_options())
        if (opt->get_required() && opt->count() == 0)
            throw CLI::RequiredError(opt->get_name());
}

} // namespace

std::string version_text() {
    std::string_view describe = QEMU_DOCKER_GIT_DESCRIBE;
    if (describe.empty())
        return fmt::format("qemu-docker {}", QEMU_DOCKER_VERSION);
    return fmt::format("qemu-docker {} (git {})", QEMU_DOCKER_VERSION, describe);
}

CommandLine::CommandLine() : app_("A container helper for QEMU's builds and tests", "qemu-docker") {
    app_.add_option_function<std::string>(
            "--engine", [this](const std::string& name) { engine_ = kEngineNames.at(name); },
            "The container engine to use (auto, docker, podman)")
        ->transform(CLI::IsMember(kEngineNames, CLI::ignore_case));
    app_.add_flag("--version")->description("Print qemu-docker's version and exit");
    app_.footer("Environment:\n"
                "  QEMU_DOCKER_REUSE=SECONDS   cc's warm container expiry (default 60; 0: off)\n"
                "  QEMU_DOCKER_TRACE=1         each engine command and decision on stderr\n"
                "  QEMU_DOCKER_PROBE_CACHE=0   probe the engine in every invocation\n"
                "  QEMU_DOCKER_AGENT=0         warm compiles by ENGINE exec, not the agent\n"
                "  DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG, CONTAINER_HOST,\n"
                "  CONTAINER_CONNECTION, CONTAINERS_CONF   which engine, as its client reads them\n"
                "  TMPDIR                      where build contexts are made\n"
                "  http_proxy, https_proxy, ftp_proxy   passed to builds as --build-arg\n"
                "See qemu-docker(1) and docs/compatibility.md.");
    app_.add_option("--command", engine_command_,
                    "The engine's command line, split on spaces (e.g. \"podman --remote\"); "
                    "no probing, --engine is ignored");
    for (const auto& info : subcommand_table()) {
        CLI::App* sub = app_.add_subcommand(info.name, info.help);
        sub->add_flag("--quiet")->description("Say nothing unless something goes wrong");
        sub->add_flag("--verbose")
            ->description("Say what the engine says (the default; overrides --quiet)");
        commands_.push_back(info.create());
        commands_.back()->define_options(*sub);
    }
}

ParserSpec CommandLine::spec_of(const CLI::App& app) {
    ParserSpec spec;
    for (const CLI::Option* opt : app.get_options()) {
        if (opt->get_positional()) {
            spec.positionals.push_back({opt->get_name(), !opt->get_required()});
            continue;
        }
        OptionSpec o;
        // Long names first, as every option here is declared (argparse names
        // an option in its messages in declaration order: "--image/-i").
        for (const auto& l : opt->get_lnames())
            o.names.push_back("--" + l);
        for (const auto& s : opt->get_snames())
            o.names.push_back("-" + s);
        o.dest = opt->get_name();
        if (opt->get_expected_max() == 0)
            o.arity = Arity::Flag;
        else if (opt->get_items_expected_max() > 1)
            o.arity = Arity::List;
        spec.options.push_back(std::move(o));
    }
    return spec;
}

SplitCommandLine CommandLine::split(const std::vector<std::string>& args) const {
    TopLevelSplit top = split_top_level(spec_of(app_), args);
    SplitCommandLine split;
    split.global = std::move(top.global);
    if (split.global.options.contains(app_.get_help_ptr()->get_name()) ||
        split.global.options.contains(app_.get_option("--version")->get_name()))
        return split; // printed instead of running a subcommand
    if (!top.subcommand)
        throw UsageError("a subcommand is required");
    split.subcommand = &find_subcommand(*top.subcommand);
    split.own = parse_known_args(spec_of(*app_.get_subcommand(split.subcommand->name)), top.rest);
    split.passthrough = split.global.extras;
    split.passthrough.insert(split.passthrough.end(), split.own.extras.begin(),
                             split.own.extras.end());
    return split;
}

bool CommandLine::parse(const std::vector<std::string>& args) {
    SplitCommandLine split = this->split(args);
    add_results(app_, split.global);
    if (split.subcommand) {
        selected_app_ = app_.get_subcommand(split.subcommand->name);
        selected_ =
            commands_[static_cast<size_t>(split.subcommand - subcommand_table().data())].get();
        add_results(*selected_app_, split.own);
        passthrough_ = std::move(split.passthrough);
    }
    // In the order CLI11's parser takes these steps.
    try {
        store_results(app_);
        if (selected_app_)
            store_results(*selected_app_);
        if (app_.get_help_ptr()->count()) {
            fmt::print("{}", app_.help());
            return false;
        }
        if (app_.get_option("--version")->count()) {
            fmt::print("{}\n", version_text());
            return false;
        }
        if (selected_app_->get_help_ptr()->count()) {
            fmt::print("{}", selected_app_->help(app_.get_name()));
            return false;
        }
        check_required(*selected_app_); // the global options are optional
        engine_words_ = split_engine_command(engine_command_);
        if (app_.get_option("--command")->count() && engine_words_.empty())
            throw UsageError("argument --command: expected an engine command line");
    } catch (const CLI::ParseError& e) {
        throw UsageError(e.what());
    }
    return true;
}

Invocation CommandLine::invocation(ProcessRunner& runner) const {
    Invocation inv;
    inv.engine_choice = engine_;
    inv.quiet = selected_app_->get_option("--quiet")->count() > 0 &&
                selected_app_->get_option("--verbose")->count() == 0;
    inv.engine_command = engine_words_;
    inv.passthrough = passthrough_;
    inv.runner = &runner;
    return inv;
}

} // namespace qd
