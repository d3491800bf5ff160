#include "qemu_docker/engine/container_run.h"

#include "qemu_docker/engine/engine_argv.h"
#include "qemu_docker/engine/rootless.h"
#include "qemu_docker/util/error.h"
#include "qemu_docker/util/trace.h"
#include "qemu_docker/util/uuid.h"

#include <chrono>
#include <cstdlib>
#include <fmt/format.h>
#include <sstream>
#include <unistd.h>

namespace qd {

namespace {

// What `ps -q` prints: hexadecimal container ids, one per line.  Anything
// else is never passed to `rm -f`, where it could be an option (`--all`).
std::vector<std::string> container_ids(const std::string& listed) {
    std::vector<std::string> ids;
    std::istringstream words(listed);
    for (std::string id; words >> id;) {
        if (id.size() > 64 || id.find_first_not_of("0123456789abcdef") != std::string::npos)
            throw Error("listing containers failed: the engine printed something that is not a "
                        "container id");
        ids.push_back(id);
    }
    return ids;
}

// INTERRUPTIBLE false: for the removal after a signal, which later signals
// do not stop.
void remove_listed(const Engine& engine, const std::optional<std::string>& uuid, bool all,
                   bool interruptible) {
    std::string filter = instance_filter(uuid);
    fmt::print("filter={}\n", filter);
    SpawnRequest list;
    list.argv = ps_argv(filter, all);
    list.out = Output::Capture;
    list.interruptible = interruptible;
    auto listed = engine.run(std::move(list));
    if (!listed.ok())
        throw Error(fmt::format("listing containers failed (exit status {})", listed.status()));
    for (const auto& id : container_ids(listed.output)) {
        SpawnRequest remove;
        remove.argv = rm_argv(id, engine.is_podman());
        remove.out = Output::Null;
        remove.interruptible = interruptible;
        engine.run(std::move(remove));
    }
}

void remove_after_signal(const Engine& engine, const std::string& uuid) {
    try {
        remove_listed(engine, uuid, false, false);
    } catch (const Error& e) {
        fmt::print(stderr, "qemu-docker: error: {}\n", e.what());
    }
}

// How a run's engine client is waited for.  After SIGINT, SIGTERM or SIGHUP
// its container is removed, and removed again every 2 seconds while the
// client lives: the container may not have existed yet (the engine was
// still pulling or creating it).  After 10 more tries the client is killed.
enum class RunState { Running, Removing, Killing };

// Waits for the client of run UUID; returns the signal that interrupted it,
// or 0.
int wait_for_run(const Engine& engine, ChildProcess& client, const std::string& uuid) {
    constexpr std::chrono::milliseconds kRetryInterval{2000};
    constexpr int kRetries = 10;
    RunState state = RunState::Running;
    int interrupted_by = 0, retries = 0;
    for (;;) {
        auto event =
            client.wait(state == RunState::Removing ? std::optional(kRetryInterval) : std::nullopt);
        if (event.exited)
            return interrupted_by;
        if (state == RunState::Running) {
            interrupted_by = event.signal;
            remove_after_signal(engine, uuid);
            state = RunState::Removing;
        } else if (state == RunState::Removing && !event.signal) {
            if (++retries <= kRetries) {
                remove_after_signal(engine, uuid);
            } else {
                client.send(SIGKILL);
                state = RunState::Killing;
            }
        }
    }
}

} // namespace

void remove_instances(const Engine& engine, const std::optional<std::string>& uuid, bool all) {
    remove_listed(engine, uuid, all, true);
}

namespace {

// Asked once per probe-cache record; an engine that cannot say (an old
// one) is taken to be rootless as podman used to be guessed: not root and
// not remote, and that guess is kept in the record, so it is not asked again.
bool runs_rootless(Engine& engine) {
    if (auto known = engine.rootless())
        return *known;
    SpawnRequest question;
    question.argv = rootless_query_argv(engine.is_podman());
    question.out = Output::Capture;
    question.err_null = true;
    auto result = engine.ask(std::move(question));
    auto answer =
        result.ok() ? parse_rootless_answer(engine.is_podman(), result.output) : std::nullopt;
    if (!answer) {
        trace("the engine does not say whether it runs rootless; guessing from the uid");
        bool guess =
            engine.is_podman() && podman_is_rootless(geteuid(), std::getenv("CONTAINER_HOST"));
        engine.remember_rootless(guess, "");
        return guess;
    }
    engine.remember_rootless(answer->rootless, answer->name);
    return answer->rootless;
}

// Bind mounts name paths on the engine's machine: say so (once a command).
void warn_if_elsewhere(const Engine& engine) {
    std::string ours = this_host_name();
    if (runs_elsewhere(engine.host_name(), ours))
        fmt::print(stderr,
                   "qemu-docker: warning: the engine runs on {}, not on this machine ({}): the "
                   "directories it mounts are {}'s\n",
                   engine.host_name(), ours, engine.host_name());
}

} // namespace

RunAsUser current_user_mapping(Engine& engine) {
    bool rootless = runs_rootless(engine);
    warn_if_elsewhere(engine);
    if (engine.is_podman())
        return RunAsUser{getuid(), rootless};
    return RunAsUser{getuid(), false, rootless};
}

bool engine_runs_here(const Engine& engine) {
    return !runs_elsewhere(engine.host_name(), this_host_name());
}

int run_container(Engine& engine, const ContainerRun& run) {
    std::string uuid = random_uuid_hex();
    SpawnRequest request;
    request.argv = run_argv(uuid, run.user, run.args);
    request.out = run.quiet ? Output::Null : Output::Inherit;
    if (run.keep) { // nothing to remove: signals go to the client, as for other commands
        auto result = engine.ask(std::move(request));
        engine.saw_container(result);
        return result.status();
    }
    auto client = engine.start(std::move(request));
    int signo = wait_for_run(engine, *client, uuid);
    engine.saw_container(client->result());
    if (signo)
        return 128 + signo;
    if (!client->result().ok())
        remove_instances(engine, uuid, false); // as docker.py does on failure
    return client->result().status();
}

std::string this_host_name() {
    char name[256] = {};
    return ::gethostname(name, sizeof name - 1) == 0 ? std::string(name) : std::string();
}

} // namespace qd
