#include "qemu_docker/engine/engine.h"

#include "qemu_docker/util/error.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace qd {

std::vector<EngineCommand> engine_candidates(EngineChoice choice) {
    std::vector<EngineCommand> out;
    if (choice != EngineChoice::Docker)
        out.push_back({EngineKind::Podman, {"podman"}, {}});
    if (choice != EngineChoice::Podman) {
        out.push_back({EngineKind::Docker, {"docker"}, {}});
        out.push_back({EngineKind::SudoDocker, {"sudo", "-n", "docker"}, {}});
    }
    return out;
}

std::optional<EngineCommand> probe_engine(EngineChoice choice, ProcessRunner& runner) {
    for (auto& candidate : engine_candidates(choice)) {
        SpawnRequest request;
        request.argv = candidate.prefix;
        request.argv.push_back("version");
        // docker's client version decides BuildKit later (see buildkit.h)
        bool keep = candidate.kind != EngineKind::Podman;
        request.out = keep ? Output::Capture : Output::Null;
        request.err_null = true;
        auto result = runner.run(request);
        if (result.ok()) {
            candidate.version_output = std::move(result.output);
            return candidate;
        }
    }
    return std::nullopt;
}

std::string_view probe_name(EngineKind kind) {
    switch (kind) {
    case EngineKind::Podman:
        return "podman";
    case EngineKind::Docker:
        return "docker";
    case EngineKind::SudoDocker:
        return "sudo docker";
    }
    return "no";
}

Engine::Engine(EngineCommand command, ProcessRunner& runner)
    : command_(std::move(command)), runner_(runner) {}

Engine Engine::find(EngineChoice choice, ProcessRunner& runner) {
    if (auto found = probe_engine(choice, runner))
        return Engine(std::move(*found), runner);
    std::vector<std::string> tried;
    for (const auto& c : engine_candidates(choice))
        tried.push_back(fmt::format("{}", fmt::join(c.prefix, " ")));
    throw Error(
        fmt::format("cannot find a working container engine; tried: {}", fmt::join(tried, ", ")));
}

ProcessResult Engine::run(const std::vector<std::string>& args, bool quiet) const {
    SpawnRequest request;
    request.argv = args;
    request.out = quiet ? Output::Null : Output::Inherit;
    return run(std::move(request));
}

SpawnRequest Engine::with_engine(SpawnRequest request) const {
    request.argv.insert(request.argv.begin(), command_.prefix.begin(), command_.prefix.end());
    request.env.insert(request.env.end(), env_.begin(), env_.end());
    return request;
}

namespace {

void throw_if_not_started(const ProcessResult& result, const std::string& program) {
    if (!result.started)
        throw Error(fmt::format("cannot run {}: {}", program, result.spawn_error));
}

} // namespace

ProcessResult Engine::run(SpawnRequest request) const {
    auto result = runner_.run(with_engine(std::move(request)));
    throw_if_not_started(result, command_.prefix.front());
    return result;
}

std::unique_ptr<ChildProcess> Engine::start(SpawnRequest request) const {
    auto child = runner_.start(with_engine(std::move(request)));
    throw_if_not_started(child->result(), command_.prefix.front());
    return child;
}

ProcessResult Engine::capture(const std::vector<std::string>& args) const {
    SpawnRequest request;
    request.argv = args;
    request.out = Output::Capture;
    return run(std::move(request));
}

void Engine::set_env(std::string name, std::string value) {
    env_.emplace_back(std::move(name), std::move(value));
}

} // namespace qd
