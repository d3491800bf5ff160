#include "qemu_docker/doctor/examine.h"

#include "qemu_docker/agent/agent_binary.h"
#include "qemu_docker/doctor/checks.h"
#include "qemu_docker/doctor/observe.h"
#include "qemu_docker/engine/container_run.h"
#include "qemu_docker/engine/docker_endpoint.h"
#include "qemu_docker/engine/rootless.h"
#include "qemu_docker/util/current_user.h"
#include "qemu_docker/util/private_file.h"
#include "qemu_docker/util/program_on_path.h"
#include "qemu_docker/warm/warm_container.h"

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

namespace qd {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> with(std::vector<std::string> prefix, std::vector<std::string> args) {
    prefix.insert(prefix.end(), args.begin(), args.end());
    return prefix;
}

// Rootless podman's needs: id ranges and the helpers that map them.
void add_rootless_checks(Report& report, const CurrentUser& user) {
    for (const char* file : {"/etc/subuid", "/etc/subgid"})
        report.findings.push_back(subid_finding(file, read_text(file), user.name, user.uid));
    for (const char* helper : {"newuidmap", "newgidmap"})
        report.findings.push_back(helper_finding(see_helper(helper)));
}

// Whether podman would run rootless here, before it has said so.
bool local_rootless_podman(const EngineCommand& candidate) {
    const char* host = std::getenv("CONTAINER_HOST");
    return candidate.kind == EngineKind::Podman && candidate.prefix.size() == 1 &&
           ::geteuid() != 0 && !(host && *host);
}

struct Examined {
    bool works = false;
    std::optional<EngineFacts> facts;
};

Examined examine_candidate(Report& report, const EngineCommand& candidate, ProcessRunner& runner,
                           const CurrentUser& user) {
    std::string command = fmt::format("{}", fmt::join(candidate.prefix, " "));
    const std::string& program = candidate.prefix.front();
    auto path = program_on_path(program);
    report.findings.push_back(
        program_finding(command, program, path ? std::optional(path->string()) : std::nullopt));
    if (!path)
        return {};
    Answer version = ask_with_limit(runner, with(candidate.prefix, {"version"}), kDoctorSeconds);
    report.findings.push_back(version_finding(command, version, user.name));
    bool podman = candidate.kind == EngineKind::Podman ||
                  version.result.output.find("Podman Engine") != std::string::npos;
    if (candidate.kind == EngineKind::Docker && !podman)
        if (auto socket = docker_socket_path())
            report.findings.push_back(socket_finding(see_socket(*socket)));
    if (!version.result.ok() || version.timed_out) {
        if (local_rootless_podman(candidate))
            add_rootless_checks(report, user);
        return {};
    }
    Answer info = ask_with_limit(runner, with(candidate.prefix, info_json_argv()), kDoctorSeconds);
    auto facts = parse_info_json(info.result.output);
    report.findings.push_back(info_finding(command, info, facts, user.name));
    bool elsewhere = facts && runs_elsewhere(facts->host_name, this_host_name());
    if (podman && !elsewhere &&
        (facts ? facts->rootless && ::geteuid() != 0 : local_rootless_podman(candidate)))
        add_rootless_checks(report, user);
    if (facts) {
        report.findings.push_back(storage_finding(command, *facts));
        report.findings.push_back(host_finding(command, *facts, this_host_name()));
    }
    return {info.result.ok() && !info.timed_out, facts};
}

Finding probe_cache_finding() {
    const char* setting = std::getenv("QEMU_DOCKER_PROBE_CACHE");
    if (setting && std::string_view(setting) == "0")
        return {Level::Ok, "probe cache", "off (QEMU_DOCKER_PROBE_CACHE=0)", ""};
    auto dir = user_state_directory(false);
    if (!dir)
        return {Level::Ok, "probe cache", "none kept yet", ""};
    int records = 0;
    std::error_code error;
    for (const auto& file : fs::directory_iterator(*dir, error))
        records += file.path().filename().string().starts_with("probe-");
    return {Level::Ok, "probe cache", fmt::format("{} record(s) in {}", records, dir->string()),
            ""};
}

Finding agent_finding() {
    const char* setting = std::getenv("QEMU_DOCKER_AGENT");
    if (setting && std::string_view(setting) == "0")
        return {Level::Ok, "compile agent", "off (QEMU_DOCKER_AGENT=0): warm compiles by exec", ""};
    if (auto agent = agent_binary())
        return {Level::Ok, "compile agent", agent->string(), ""};
    return {Level::Warn, "compile agent",
            "not beside qemu-docker nor in ../libexec/qemu-docker: warm compiles by exec, slower",
            "reinstall qemu-docker (the package has libexec/qemu-docker/qemu-docker-cc-agent)"};
}

Finding warm_finding(const std::vector<std::string>& prefix, ProcessRunner& runner) {
    Answer ps = ask_with_limit(runner,
                               with(prefix, {"ps", "--filter", fmt::format("label={}", kReuseLabel),
                                             "--format", "{{.Names}}"}),
                               kDoctorSeconds);
    if (!ps.result.ok() || ps.timed_out)
        return {Level::Warn, "warm containers",
                "cannot list them: " +
                    (ps.timed_out ? std::string("no answer") : failure_line(ps.result)),
                ""};
    std::vector<std::string> names;
    for (std::size_t start = 0; start < ps.result.output.size();) {
        std::size_t end = std::min(ps.result.output.find('\n', start), ps.result.output.size());
        if (end > start)
            names.push_back(ps.result.output.substr(start, end - start));
        start = end + 1;
    }
    if (names.empty())
        return {Level::Ok, "warm containers", "none running", ""};
    return {Level::Ok, "warm containers",
            fmt::format("{} running: {}", names.size(), fmt::join(names, ", ")),
            "`qemu-docker clean` ends them"};
}

void examine_chosen(Report& report, const EngineCommand& engine, const EngineFacts& facts,
                    ProcessRunner& runner) {
    std::string command = fmt::format("{}", fmt::join(engine.prefix, " "));
    report.engine = command;
    report.findings.push_back({Level::Ok, "engine", command + " (what probe answers)", ""});
    if (runs_elsewhere(facts.host_name, this_host_name())) {
        report.findings.push_back({Level::Ok, "binfmt_misc, free space",
                                   "not checked: the engine runs on " + facts.host_name, ""});
    } else {
        auto [mounted, entries] = see_binfmt();
        report.findings.push_back(binfmt_finding(mounted, entries));
        report.findings.push_back(space_finding(facts.graph_root, free_bytes(facts.graph_root)));
    }
    report.findings.push_back(probe_cache_finding());
    report.findings.push_back(agent_finding());
    report.findings.push_back(warm_finding(engine.prefix, runner));
}

} // namespace

Report examine(const std::vector<EngineCommand>& candidates, ProcessRunner& runner) {
    Report report;
    CurrentUser user = current_user();
    std::optional<std::size_t> chosen;
    std::vector<Report> parts(candidates.size());
    std::vector<Examined> examined;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        examined.push_back(examine_candidate(parts[i], candidates[i], runner, user));
        if (examined.back().works && !chosen)
            chosen = i;
    }
    for (std::size_t i = 0; i < parts.size(); ++i)
        for (Finding& f : parts[i].findings) {
            // What fails in another candidate does not stop the user.
            if (chosen && i != *chosen && f.level == Level::Fail)
                f.level = Level::Warn;
            report.findings.push_back(std::move(f));
        }
    if (chosen)
        examine_chosen(report, candidates[*chosen], examined[*chosen].facts.value_or(EngineFacts{}),
                       runner);
    else
        report.findings.push_back({Level::Fail, "engine", "none works, so probe answers no",
                                   "mend one of the failures above"});
    auto settings = settings_findings(qemu_docker_settings());
    report.findings.insert(report.findings.end(), settings.begin(), settings.end());
    return report;
}

} // namespace qd
