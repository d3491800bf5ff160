#include "qemu_docker/cli/command_line.h"

#include "qemu_docker/util/error.h"

#include <algorithm>
#include <fmt/format.h>

namespace qd {

CommandLine::CommandLine() : app_("A container helper for QEMU's builds and tests", "qemu-docker") {
    app_.add_option("--engine", engine_, "The container engine to use (auto, docker, podman)")
        ->transform(CLI::IsMember({"auto", "docker", "podman"}, CLI::ignore_case));
    for (const auto& info : subcommand_table()) {
        CLI::App* sub = app_.add_subcommand(info.name, info.help);
        sub->add_flag("--quiet")->description("Say nothing unless something goes wrong");
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

std::vector<std::string> CommandLine::canonical_args(const CLI::App& app, const KnownArgs& known) {
    std::vector<std::string> out;
    for (const CLI::Option* opt : app.get_options()) {
        auto found = known.options.find(opt->get_name());
        if (opt->get_positional() || found == known.options.end())
            continue;
        const std::string& name = opt->get_name();
        if (opt->get_expected_max() == 0) {
            out.push_back(name);
        } else if (name.starts_with("--")) {
            for (const auto& v : found->second)
                out.push_back(name + "=" + v);
        } else {
            for (const auto& v : found->second) {
                out.push_back(name);
                out.push_back(v);
            }
        }
    }
    std::vector<std::string> positionals;
    for (const CLI::Option* opt : app.get_options())
        if (auto p = known.positionals.find(opt->get_name());
            opt->get_positional() && p != known.positionals.end())
            positionals.push_back(p->second);
    if (!positionals.empty()) {
        out.push_back("--");
        out.insert(out.end(), positionals.begin(), positionals.end());
    }
    return out;
}

bool CommandLine::parse(const std::vector<std::string>& args) {
    TopLevelSplit split = split_top_level(spec_of(app_), args);
    std::vector<std::string> canonical = canonical_args(app_, split.global);
    bool help = split.global.options.contains("--help");
    if (!help) {
        if (!split.subcommand)
            throw UsageError("a subcommand is required");
        auto table = subcommand_table();
        auto it = std::find_if(table.begin(), table.end(),
                               [&](const auto& i) { return *split.subcommand == i.name; });
        if (it == table.end()) {
            std::string names;
            for (const auto& i : table)
                names += fmt::format("{}'{}'", names.empty() ? "" : ", ", i.name);
            throw UsageError(
                fmt::format("argument subcommand: invalid choice: '{}' (choose from {})",
                            *split.subcommand, names));
        }
        selected_app_ = app_.get_subcommand(it->name);
        selected_ = commands_[static_cast<size_t>(it - table.begin())].get();
        KnownArgs known = parse_known_args(spec_of(*selected_app_), split.rest);
        canonical.push_back(it->name);
        auto sub_args = canonical_args(*selected_app_, known);
        canonical.insert(canonical.end(), sub_args.begin(), sub_args.end());
        passthrough_ = std::move(split.global.extras);
        passthrough_.insert(passthrough_.end(), known.extras.begin(), known.extras.end());
    }
    std::reverse(canonical.begin(), canonical.end());
    try {
        app_.parse(canonical);
    } catch (const CLI::CallForHelp&) {
        fmt::print("{}", app_.help());
        return false;
    } catch (const CLI::ParseError& e) {
        throw UsageError(e.what());
    }
    return true;
}

Invocation CommandLine::invocation(ProcessRunner& runner) const {
    Invocation inv;
    inv.engine_choice = parse_engine_choice(engine_).value_or(EngineChoice::Auto);
    inv.quiet = selected_app_->get_option("--quiet")->count() > 0;
    inv.passthrough = passthrough_;
    inv.runner = &runner;
    return inv;
}

} // namespace qd
