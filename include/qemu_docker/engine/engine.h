#pragma once

// The container engine: which command runs it (podman, docker or
// sudo -n docker), chosen by probing as docker.py does, and the one place
// that runs it.

#include "qemu_docker/engine/process.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qd {

class ProbeCache;

enum class EngineChoice { Auto, Docker, Podman };
enum class EngineKind { Podman, Docker, SudoDocker };

struct EngineCommand {
    EngineKind kind;
    std::vector<std::string> prefix; // e.g. {"sudo", "-n", "docker"}
    std::string version_output;      // stdout of its `version` (docker only)
    std::optional<bool> buildx;      // whether `buildx version` works, once asked
    std::optional<bool> rootless;    // the engine's own answer (rootless.h), once asked
    std::string host_name;           // the machine it runs on, if it said, with rootless
};

// The commands tried for a choice, in order.
std::vector<EngineCommand> engine_candidates(EngineChoice choice);

// A candidate whose `version` did not work, and why in one line (its first
// line on stderr, or how it ended).
struct ProbeFailure {
    std::string command; // e.g. "sudo -n docker"
    std::string reason;
};

// The first candidate whose `version` exits 0 (output hidden), or nullopt.
// With FAILURES, each candidate tried before it that did not work is added
// there (its stderr is then read instead of thrown away).
std::optional<EngineCommand> probe_engine(EngineChoice choice, ProcessRunner& runner,
                                          std::vector<ProbeFailure>* failures = nullptr);

// The engine a --command line names, without probing: podman when its
// program (or the one sudo or env runs, after their options and env's
// NAME=VALUE words) is podman or podman-remote, else docker.
EngineCommand engine_named_by(const std::vector<std::string>& argv);

// What `probe` prints for an engine: "podman", "docker" or "sudo docker".
std::string_view probe_name(EngineKind kind);

class Engine {
  public:
    Engine(EngineCommand command, ProcessRunner& runner);

    // Probes, or takes CACHE's record; throws Error naming every command
    // tried when none works.
    static Engine find(EngineChoice choice, ProcessRunner& runner,
                       std::shared_ptr<const ProbeCache> cache = nullptr);

    EngineKind kind() const { return command_.kind; }
    const std::vector<std::string>& prefix() const { return command_.prefix; }
    // Podman, also behind a `docker` command (Debian's podman-docker): for
    // what depends on the engine's kind (user mapping, BuildKit, rm).
    bool is_podman() const;
    bool is_docker() const { return !is_podman(); }
    const std::string& version_output() const { return command_.version_output; }
    std::optional<bool> buildx() const { return command_.buildx; }
    // Keeps the answer of `buildx version` with the probe's.
    void remember_buildx(bool works);
    std::optional<bool> rootless() const { return command_.rootless; }
    // The probe cache's key this engine was found under (nullopt when the
    // cache is off or --command named it), so that it is not computed twice.
    std::optional<std::string> probe_cache_key() const;
    const std::string& host_name() const { return command_.host_name; }
    // Keeps whether the engine runs rootless, and where, with the probe's answer.
    void remember_rootless(bool rootless, std::string host_name);
    // After an engine command has ended: a failure may mean the engine has
    // gone, so the next invocation probes again.
    void saw(const ProcessResult& result) const;
    // The same for `run` and `exec`, whose status is the container's
    // command's: only not starting or 125 (the engine's own error) count.
    void saw_container(const ProcessResult& result) const;

    // ENGINE ARGS...: stdout hidden when quiet, stderr always shown.
    ProcessResult run(const std::vector<std::string>& args, bool quiet) const;
    // Same, with the full request (stdin, captured stderr, ...).
    ProcessResult run(SpawnRequest request) const;
    // The same for a question whose "no" is a failure (`inspect` of an image
    // that is not there): that failure keeps the probe cache.
    ProcessResult ask(SpawnRequest request) const;
    // Starts it, for a caller with its own way of waiting (run's container).
    std::unique_ptr<ChildProcess> start(SpawnRequest request) const;
    // ENGINE ARGS... with stdout captured.
    ProcessResult capture(const std::vector<std::string>& args) const;

    // Environment set on every engine command (e.g. DOCKER_BUILDKIT).
    void set_env(std::string name, std::string value);

  private:
    SpawnRequest with_engine(SpawnRequest request) const;

    EngineCommand command_;
    ProcessRunner& runner_;
    std::shared_ptr<const ProbeCache> cache_;
    std::vector<std::pair<std::string, std::string>> env_;
};

} // namespace qd
