#include "qemu_docker/engine/engine.h"

#include "qemu_docker/engine/probe_cache.h"
#include "qemu_docker/util/error.h"
#include "qemu_docker/util/trace.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace qd {

std::vector<EngineCommand> engine_candidates(EngineChoice choice) {
    std::vector<EngineCommand> out;
    if (choice != EngineChoice::Docker)
        out.push_back({EngineKind::Podman, {"podman"}, {}, std::nullopt, std::nullopt, {}});
    if (choice != EngineChoice::Podman) {
        out.push_back({EngineKind::Docker, {"docker"}, {}, std::nullopt, std::nullopt, {}});
        out.push_back(
            {EngineKind::SudoDocker, {"sudo", "-n", "docker"}, {}, std::nullopt, std::nullopt, {}});
    }
    return out;
}

std::optional<EngineCommand> probe_engine(EngineChoice choice, ProcessRunner& runner,
                                          std::vector<ProbeFailure>* failures) {
    for (auto& candidate : engine_candidates(choice)) {
        SpawnRequest request;
        request.argv = candidate.prefix;
        request.argv.push_back("version");
        // docker's client version decides BuildKit later (see buildkit.h)
        bool keep = candidate.kind != EngineKind::Podman;
        request.out = keep ? Output::Capture : Output::Null;
        request.err_null = !failures;
        request.err_capture = failures != nullptr;
        auto result = runner.run(request);
        if (result.ok()) {
            candidate.version_output = std::move(result.output);
            return candidate;
        }
        if (failures)
            failures->push_back(
                {fmt::format("{}", fmt::join(candidate.prefix, " ")), failure_line(result)});
    }
    return std::nullopt;
}

namespace {

using Words = std::vector<std::string>::const_iterator;

std::string base_name(const std::string& word) {
    return std::filesystem::path(word).filename().string();
}

// After OPTIONS... of a wrapper (sudo's, env's): the first other word.
// Short options in TAKES_VALUE (and long ones in LONG_VALUES, unless given
// as --name=value) take the next word as their value, also at the end of a
// cluster (-nu builder); "--" ends the options.
Words after_options(Words word, Words end, std::string_view takes_value,
                    std::initializer_list<std::string_view> long_values) {
    while (word != end && word->starts_with("-") && *word != "-") {
        const std::string& option = *word++;
        if (option == "--")
            break;
        if (option.starts_with("--")) {
            if (std::find(long_values.begin(), long_values.end(), option) != long_values.end() &&
                word != end)
                ++word;
            continue;
        }
        for (size_t i = 1; i < option.size(); ++i)
            if (takes_value.find(option[i]) != std::string_view::npos) {
                if (i + 1 == option.size() && word != end)
                    ++word; // its value is the next word
                break;      // else the rest of this one
            }
    }
    return word;
}

} // namespace

EngineCommand engine_named_by(const std::vector<std::string>& argv) {
    // The program: the first word, or the one sudo or env runs (after their
    // options, and env's NAME=VALUE words).
    bool sudo = false;
    Words program = argv.begin(), end = argv.end();
    while (program != end) {
        std::string name = base_name(*program);
        if (name == "sudo") {
            sudo = true;
            program =
                after_options(program + 1, end, "CDghprtTUu",
                              {"--close-from", "--chdir", "--group", "--host", "--prompt", "--role",
                               "--type", "--command-timeout", "--other-user", "--user"});
        } else if (name == "env") {
            program =
                after_options(program + 1, end, "CSu", {"--chdir", "--split-string", "--unset"});
            while (program != end && program->find('=') != std::string::npos)
                ++program;
        } else {
            break;
        }
    }
    std::string program_name = program == end ? "" : base_name(*program);
    EngineKind kind = (program_name == "podman" || program_name == "podman-remote")
                          ? EngineKind::Podman
                      : sudo ? EngineKind::SudoDocker
                             : EngineKind::Docker;
    return {kind, argv, {}, std::nullopt, std::nullopt, {}};
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

Engine Engine::find(EngineChoice choice, ProcessRunner& runner,
                    std::shared_ptr<const ProbeCache> cache) {
    std::optional<EngineCommand> found;
    if (cache)
        found = cache->load();
    if (found)
        trace(fmt::format("probe cache: hit {}", cache->file().string()));
    else if (cache)
        trace(fmt::format("probe cache: miss {}", cache->file().string()));
    else
        trace("probe cache: not used");
    if (!found) {
        found = probe_engine(choice, runner);
        if (found && cache)
            cache->store(*found);
    }
    if (found) {
        Engine engine(std::move(*found), runner);
        engine.cache_ = std::move(cache);
        return engine;
    }
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

// What `docker run`, `podman run` and `podman exec` exit with when the
// engine itself fails (e.g. it cannot reach its daemon or service).
constexpr int kEngineErrorStatus = 125;

void throw_if_not_started(const ProcessResult& result, const std::string& program) {
    if (!result.started)
        throw Error(fmt::format("cannot run {}: {}", program, result.spawn_error));
}

} // namespace

ProcessResult Engine::run(SpawnRequest request) const {
    auto result = ask(std::move(request));
    saw(result);
    return result;
}

ProcessResult Engine::ask(SpawnRequest request) const {
    auto result = runner_.run(with_engine(std::move(request)));
    if (!result.started)
        saw(result);
    throw_if_not_started(result, command_.prefix.front());
    return result;
}

void Engine::saw(const ProcessResult& result) const {
    if (cache_ && !result.ok()) {
        trace("probe cache: dropped, as the engine command failed");
        cache_->drop();
    }
}

void Engine::saw_container(const ProcessResult& result) const {
    if (!result.started || result.status() == kEngineErrorStatus)
        saw(result);
}

bool Engine::is_podman() const {
    return command_.kind == EngineKind::Podman ||
           command_.version_output.find("Podman Engine") != std::string::npos;
}

void Engine::remember_buildx(bool works) {
    command_.buildx = works;
    if (cache_)
        cache_->store(command_);
}

std::optional<std::string> Engine::probe_cache_key() const {
    if (!cache_)
        return std::nullopt;
    return cache_->key();
}

void Engine::remember_rootless(bool rootless, std::string host_name) {
    command_.rootless = rootless;
    command_.host_name = std::move(host_name);
    if (cache_)
        cache_->store(command_);
}

std::unique_ptr<ChildProcess> Engine::start(SpawnRequest request) const {
    auto child = runner_.start(with_engine(std::move(request)));
    if (child)
        saw(child->result());
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
