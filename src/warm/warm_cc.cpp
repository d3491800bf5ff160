#include "qemu_docker/warm/warm_cc.h"

#include "qemu_docker/agent/agent_client.h"
#include "qemu_docker/engine/docker_endpoint.h"
#include "qemu_docker/engine/engine_argv.h"
#include "qemu_docker/engine/signals.h"
#include "qemu_docker/util/file_lock.h"
#include "qemu_docker/util/private_file.h"
#include "qemu_docker/util/trace.h"
#include "qemu_docker/util/uuid.h"
#include "qemu_docker/warm/docker_api.h"
#include "qemu_docker/warm/podman_shortcut.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <string_view>
#include <thread>
#include <unistd.h>

namespace qd {

namespace {

namespace fs = std::filesystem;

WarmState inspect(const Engine& engine, const std::string& image, const std::string& name) {
    SpawnRequest request;
    request.argv = warm_inspect_argv(image, name);
    request.out = Output::Capture;
    request.err_null = true; // no container yet is an answer
    return parse_warm_inspect(engine.ask(std::move(request)).output);
}

ProcessResult quietly(const Engine& engine, std::vector<std::string> argv) {
    SpawnRequest request;
    request.argv = std::move(argv);
    request.out = Output::Null;
    request.err_capture = true;
    return engine.ask(std::move(request));
}

// Why the keep-alive did not start, from the engine's own words.
void trace_start_failure(const std::string& image, const ProcessResult& result) {
    if (result.started && says_no_shell(result.errors))
        trace(fmt::format("{} has no sh to keep a container warm; one run per compile", image));
    else
        trace(fmt::format("the engine could not start a warm container for {} ({}): {}; one "
                          "run per compile",
                          image, outcome_text(result),
                          first_line(result.started ? result.errors : result.spawn_error)));
}

// How a container for a key was found ready: running already, or started
// now; or not: no image, no lock, or the engine would not start it.
enum class Ready { No, StartFailed, Running, Started };
bool is_ready(Ready ready) {
    return ready == Ready::Running || ready == Ready::Started;
}

// Makes sure a container for KEY runs IMAGE_ID.
Ready start_container(const Engine& engine, const WarmKey& key, const std::string& hash,
                      const std::string& name, const fs::path& dir, const fs::path& markers) {
    FileLock lock(dir / ("cc-" + hash + ".lock"));
    if (!lock.held())
        return Ready::No;
    WarmState state = inspect(engine, key.image, name); // another compile may have started it
    if (state.image_id.empty())
        return Ready::No;
    if (state.container_image == state.image_id)
        return Ready::Started; // by another compile, just now
    // An older image's container: compiles in it finish; it ends by itself.
    if (state.container_image) {
        trace(fmt::format("{} was rebuilt since {} started; renaming that", key.image, name));
        quietly(engine, {"rename", name, name + "-" + random_uuid_hex().substr(0, 12)});
    }
    auto started = quietly(engine, warm_run_argv(key, name, random_uuid_hex(), hash, state.image_id,
                                                 markers.string()));
    if (!started.ok()) {
        trace_start_failure(key.image, started);
        return Ready::StartFailed;
    }
    trace(fmt::format("started {} for {}", name, key.image));
    return Ready::Started;
}

// The socket of a docker that this user's client reaches directly, on this
// machine (not through sudo, not podman behind the name).
std::optional<std::string> local_docker_socket(const Engine& engine) {
    if (engine.is_podman() || engine.prefix() != std::vector<std::string>{"docker"})
        return std::nullopt;
    return docker_socket_path();
}

// Finds or starts the container for KEY; with SHORTCUT (local podman),
// notes what lets the next compile skip this.
Ready prepare(const Engine& engine, const WarmKey& key, const std::string& hash,
              const std::string& name, const fs::path& dir, const fs::path& markers,
              const std::optional<fs::path>& shortcut) {
    std::optional<FileIdentity> store;
    if (shortcut)
        store = podman_image_store(engine);
    // With the agent, the API was asked already (agent_compile_on_docker):
    // its container question would only repeat that no current agent answers.
    if (auto socket = local_docker_socket(engine);
        socket && key.agent.empty() &&
        docker_api_confirms(*socket, key.image, name, std::chrono::seconds(2)))
        return Ready::Running;
    WarmState state = inspect(engine, key.image, name);
    if (state.image_id.empty()) {
        trace(fmt::format("{} is not there; the plain run reports it", key.image));
        return Ready::No; // as the engine words it
    }
    Ready ready = Ready::Running;
    if (state.container_image == state.image_id)
        trace(fmt::format("{} runs the current {}", name, key.image));
    else if (!is_ready(ready = start_container(engine, key, hash, name, dir, markers)))
        return ready;
    if (shortcut && store)
        save_podman_shortcut(engine, *shortcut, name, *store);
    return ready;
}

// The exec's stderr: held back until the compile's marker shows that the
// compiler started (before that, only the engine speaks), then passed on.
class StderrGate {
  public:
    explicit StderrGate(fs::path marker) : marker_(std::move(marker)) {}
    void take(std::string_view piece) {
        if (!open_ && fs::exists(marker_))
            open();
        if (open_)
            write(piece);
        else
            held_ += piece;
    }
    void open() {
        open_ = true;
        write(held_);
        held_.clear();
    }
    const std::string& held() const { return held_; }

  private:
    static void write(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stderr); }
    fs::path marker_;
    bool open_ = false;
    std::string held_;
};

std::optional<std::string> read_marker(const fs::path& file) {
    std::ifstream in(file);
    if (!in)
        return std::nullopt;
    std::string text(64, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in.gcount()));
    return text;
}

// Ends the compile after SIGNO: a compile that has not started yet finds
// the cancel marker; one that has is signalled inside the container; then
// the client.
int interrupt(const Engine& engine, ChildProcess& client, const std::string& name,
              const std::string& uuid, const fs::path& marker, int signo) {
    std::ofstream(marker.string() + ".cancel").flush();
    if (fs::exists(marker)) {
        SpawnRequest kill;
        kill.argv = warm_kill_argv(name, uuid, signo);
        kill.out = Output::Null;
        kill.err_null = true;
        kill.interruptible = false;
        engine.ask(std::move(kill));
    }
    client.send(signo);
    if (!client.wait(std::chrono::seconds(10)).exited) {
        client.send(SIGKILL);
        while (!client.wait().exited) {
        }
    }
    return 128 + signo;
}

// Takes NAME out of use after a compile could not start in it: renamed
// while it runs (it ends by itself) or is paused (`clean` removes it),
// removed otherwise; the next compile starts another.
void retire(const Engine& engine, const std::string& name,
            const std::optional<fs::path>& shortcut) {
    if (shortcut)
        remove_private_file(*shortcut);
    std::string state = engine_answer(engine, warm_state_argv(name));
    if (state == "running" || state == "paused")
        quietly(engine, {"rename", name, name + "-" + random_uuid_hex().substr(0, 12)});
    else if (!state.empty())
        quietly(engine, {"rm", "-f", name});
    trace(fmt::format("{} ({}) is out of use", name, state.empty() ? "gone" : state));
}

// Runs the compile in NAME; nullopt when the compiler did not start there.
std::optional<int> exec_compile(const Engine& engine, const WarmCompile& compile,
                                const std::string& name, const fs::path& markers,
                                const std::optional<fs::path>& shortcut) {
    std::string uuid = random_uuid_hex();
    fs::path marker = markers / uuid;
    StderrGate gate(marker);
    SpawnRequest request;
    request.argv = warm_exec_argv(name, uuid, compile.cc, compile.args);
    request.out = compile.quiet ? Output::Null : Output::Inherit;
    request.err_capture = true;
    request.err_stream = [&gate](std::string_view piece) { gate.take(piece); };
    auto client = engine.start(std::move(request));
    std::optional<int> status;
    for (;;) {
        auto event = client->wait();
        if (event.exited)
            break;
        if (event.signal) {
            status = interrupt(engine, *client, name, uuid, marker, event.signal);
            break;
        }
    }
    auto said = read_compile_marker(read_marker(marker));
    std::error_code ec;
    fs::remove(marker, ec);
    fs::remove(marker.string() + ".cancel", ec);
    if (status || said == CompileMarker::Started) {
        gate.open();
        engine.saw_container(client->result());
        int result = status ? *status : client->result().status();
        if (result != 0) // as a plain run's removal of its container prints it
            fmt::print("filter={}\n", instance_filter(uuid));
        return result;
    }
    if (said == CompileMarker::CompilerMissing) {
        trace(fmt::format("no {} in {}; the plain run reports it", compile.cc, compile.key.image));
        return std::nullopt;
    }
    trace(fmt::format("the compiler did not start in {} ({}): {}; one plain run", name,
                      outcome_text(client->result()), first_line(gate.held())));
    engine.saw_container(client->result());
    retire(engine, name, shortcut);
    return std::nullopt;
}

// The agent's answer to ATTEMPT, waiting up to 5 s for it to listen while
// NAME runs.  FRESH: started just now (here or by another compile), so its
// agent gets a moment to listen before the engine is asked.
template <typename Attempt>
AgentCompile wait_for_agent(const Engine& engine, const std::string& name, Attempt attempt,
                            bool fresh) {
    using Clock = std::chrono::steady_clock;
    auto now = Clock::now();
    auto until = now + std::chrono::seconds(5);
    auto ask_at = fresh ? now + std::chrono::milliseconds(200) : now;
    bool asked = false;
    AgentCompile result{AgentCompile::NoAgent, 0, ""};
    while ((result = attempt()).outcome == AgentCompile::NoAgent && Clock::now() < until) {
        if (!asked && Clock::now() >= ask_at) {
            asked = true;
            if (engine_answer(engine, warm_state_argv(name)) != "running")
                break;
        }
        throw_if_interrupted(); // Ctrl-C while waiting: nothing has started
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return result;
}

// COMPILE as the agent is asked it, built once however often it is tried:
// its argv in our directory, with IMAGE (if not empty) the image its
// container must run, and its stdout ours or, quiet, /dev/null.
class AgentAsk {
  public:
    AgentAsk(const WarmCompile& compile, std::string image) {
        std::error_code ec;
        request_ = {fs::current_path(ec).string(), {compile.cc}, std::move(image)};
        request_.argv.insert(request_.argv.end(), compile.args.begin(), compile.args.end());
        if (compile.quiet)
            null_.reset(::open("/dev/null", O_WRONLY | O_CLOEXEC));
    }
    // One try through the agent at SOCKET.
    AgentCompile operator()(const fs::path& socket) const {
        std::fflush(stdout);
        return compile_through_agent(socket, request_, null_.valid() ? null_.get() : STDOUT_FILENO,
                                     STDERR_FILENO, std::chrono::seconds(5));
    }

  private:
    CompileRequest request_;
    UniqueFd null_;
};

// What the agent in NAME (at SOCKET) made of the compile: its status when
// it ran; nullopt when it did not run there (then the plain run does it or
// reports why), with the container put aside unless the compiler was
// missing.
std::optional<int> agent_outcome(const Engine& engine, const WarmCompile& compile,
                                 const std::string& name, const fs::path& socket,
                                 const std::optional<fs::path>& shortcut,
                                 const AgentCompile& result, bool refused) {
    switch (result.outcome) {
    case AgentCompile::Finished:
        trace(fmt::format("compiled by the agent in {}: status {}", name, result.status));
        if (result.status != 0) // as a plain run's removal of its container prints it
            fmt::print("filter={}\n", instance_filter(random_uuid_hex()));
        return result.status;
    case AgentCompile::Missing:
        trace(fmt::format("{} in {}: {}; the plain run reports it", compile.cc, compile.key.image,
                          result.why));
        return std::nullopt;
    case AgentCompile::NoAgent:
    case AgentCompile::Stale:
    case AgentCompile::NotStarted:
        break;
    }
    if (refused)
        trace(fmt::format("no agent listens in {}, started just now", name));
    else
        trace(fmt::format("the compile did not start in {} ({}); one plain run", name,
                          result.outcome == AgentCompile::NotStarted ? result.why
                                                                     : "no agent listens"));
    retire(engine, name, shortcut);
    // A paused container's agent still takes connections: the next compile
    // must not find it, but start another container.
    remove_private_file(socket);
    return std::nullopt;
}

// Runs the compile through the agent in NAME; nullopt when it did not start
// there, with REFUSED set when NAME was started just now and no agent ever
// listened in it (the engine or a policy would not run it).
std::optional<int> agent_compile(const Engine& engine, const WarmCompile& compile,
                                 const std::string& name, const fs::path& markers,
                                 const std::optional<fs::path>& shortcut, bool fresh,
                                 bool& refused) {
    fs::path socket = markers / kAgentSocket;
    AgentAsk ask(compile, "");
    AgentCompile result = wait_for_agent(
        engine, name, [&] { return ask(socket); }, fresh);
    refused = fresh && result.outcome == AgentCompile::NoAgent;
    return agent_outcome(engine, compile, name, socket, shortcut, result, refused);
}

// On docker reached on its own socket, the quickest warm compile: one API
// request for the image's current id, and the agent, if one listens in
// NAME, runs the compile only if its container runs that id (which is also
// proof that the container runs).  nullopt in RESULT when that did not
// settle it (no answer, no agent, an older image's): nothing ran.
std::optional<AgentCompile> agent_compile_on_docker(const Engine& engine,
                                                    const WarmCompile& compile,
                                                    const std::string& name,
                                                    const fs::path& markers) {
    auto socket = local_docker_socket(engine);
    auto id = socket ? docker_api_image_id(*socket, compile.key.image, std::chrono::seconds(2))
                     : std::nullopt;
    if (!id)
        return std::nullopt;
    AgentCompile result = AgentAsk(compile, *id)(markers / kAgentSocket);
    if (result.outcome == AgentCompile::NoAgent || result.outcome == AgentCompile::Stale) {
        trace(fmt::format("{} {}", name,
                          result.outcome == AgentCompile::Stale
                              ? "runs an older " + compile.key.image
                              : "has no agent listening"));
        return std::nullopt;
    }
    return result;
}

// The compile in the warm container for COMPILE's key (HASH), in DIR (the
// user's state directory); nullopt when it did not run there, with
// START_FAILED set when the engine would not start that container.
std::optional<int> compile_warm(const Engine& engine, const WarmCompile& compile,
                                const std::string& hash, const fs::path& dir, bool& start_failed) {
    std::string name = warm_container_name(hash);
    auto markers = private_directory(dir / ("cc-" + hash));
    if (!markers) {
        trace("no private state directory for the lock and markers; one run per compile");
        return std::nullopt;
    }
    std::optional<fs::path> shortcut;
    if (is_local_podman(engine))
        shortcut = dir / ("cc-" + hash + ".json");
    if (!compile.key.agent.empty())
        if (auto answer = agent_compile_on_docker(engine, compile, name, *markers))
            return agent_outcome(engine, compile, name, *markers / kAgentSocket, shortcut, *answer,
                                 false);
    Ready ready = Ready::Running;
    if (shortcut && podman_shortcut_holds(*shortcut))
        trace(fmt::format("{} still runs {}: podman's image store is unchanged", name,
                          compile.key.image));
    else if (!is_ready(ready = prepare(engine, compile.key, hash, name, dir, *markers, shortcut))) {
        start_failed = ready == Ready::StartFailed;
        return std::nullopt;
    }
    if (!compile.key.agent.empty())
        return agent_compile(engine, compile, name, *markers, shortcut, ready == Ready::Started,
                             start_failed);
    return exec_compile(engine, compile, name, *markers, shortcut);
}

// Where a key's compiles note that the engine would not start the agent's
// container (a security policy refusing its mount or its execution): they go
// through `ENGINE exec` while the note is younger than kAgentRetry.
constexpr auto kAgentRetry = std::chrono::minutes(10);
fs::path agent_refused_note(const fs::path& dir, const std::string& hash) {
    return dir / ("cc-" + hash + ".no-agent");
}
bool agent_refused_lately(const fs::path& note) {
    std::error_code ec;
    auto written = fs::last_write_time(note, ec);
    return !ec && fs::file_time_type::clock::now() - written < kAgentRetry;
}

// COMPILE through `ENGINE exec`: its key without the agent.
std::optional<int> compile_by_exec(const Engine& engine, WarmCompile compile, const fs::path& dir) {
    compile.key.agent.clear();
    compile.key.agent_identity.clear();
    bool start_failed = false;
    return compile_warm(engine, compile, warm_key_hash(compile.key), dir, start_failed);
}

} // namespace

std::optional<int> run_warm_compile(const Engine& engine, const WarmCompile& compile) {
    auto dir = user_state_directory(); // for the lock, the markers and the shortcut
    if (!dir) {
        trace("no private state directory for the lock and markers; one run per compile");
        return std::nullopt;
    }
    if (compile.key.agent.empty())
        return compile_by_exec(engine, compile, *dir);
    std::string hash = warm_key_hash(compile.key);
    fs::path note = agent_refused_note(*dir, hash);
    if (agent_refused_lately(note)) {
        trace(fmt::format("the engine did not start the compile agent's container for {} "
                          "lately; the compile goes through {} exec",
                          compile.key.image, fmt::join(engine.prefix(), " ")));
        return compile_by_exec(engine, compile, *dir);
    }
    bool start_failed = false;
    auto status = compile_warm(engine, compile, hash, *dir, start_failed);
    if (status || !start_failed)
        return status;
    trace(fmt::format("the compile goes through {} exec instead of the compile agent",
                      fmt::join(engine.prefix(), " ")));
    status = compile_by_exec(engine, compile, *dir);
    // Only a refusal of the agent is worth remembering: a container that
    // would not start either way (a bad mount, say) says nothing about it.
    if (status) {
        write_private_file(note, "");
        trace(fmt::format("compiles for {} go through {} exec instead of the compile agent for "
                          "the next {} minutes",
                          compile.key.image, fmt::join(engine.prefix(), " "), kAgentRetry.count()));
    }
    return status;
}

void forget_warm_compiles() {
    auto dir = user_state_directory();
    if (!dir)
        return;
    std::error_code ec;
    for (fs::directory_iterator it(*dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (!name.starts_with("cc-"))
            continue;
        if (name.ends_with(".lock")) {
            FileLock lock(it->path()); // a compile starting its container finishes first
            lock.remove();
        } else if (name.ends_with(".json") || name.ends_with(".no-agent")) {
            remove_private_file(it->path());
        } else if (it->is_directory(ec) && !it->is_symlink(ec)) {
            fs::remove_all(it->path(), ec); // the markers
        }
    }
}

} // namespace qd
