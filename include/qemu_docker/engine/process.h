#pragma once

// Running programs: the seam between qemu-docker and the engine.  The real
// runner uses posix_spawnp; SIGINT, SIGTERM and SIGHUP that arrive while a
// child runs are passed on to it (see signals.h).

#include "qemu_docker/engine/signals.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace qd {

enum class Output { Inherit, Null, Capture };

struct SpawnRequest {
    std::vector<std::string> argv;                        // argv[0] is looked up in PATH
    std::vector<std::pair<std::string, std::string>> env; // set on top of ours
    Output out = Output::Inherit;
    bool err_null = false;    // stderr to /dev/null (the engine probe)
    bool err_capture = false; // stderr into ProcessResult::errors...
    // ...or, when set, each piece of it to this as it comes.
    std::function<void(std::string_view)> err_stream;
    std::string cwd;   // empty: ours
    int stdin_fd = -1; // what the child reads as stdin (a file); -1: ours
    // Whether SIGINT, SIGTERM and SIGHUP concern this child: it is not
    // started when one has arrived already, and ChildProcess::wait reports
    // them.  false: they are held back until it has ended, for a caller that
    // is acting on one already (removing a run's container).
    bool interruptible = true;
};

struct ProcessResult {
    bool started = false;    // false: the program could not be run at all
    int exit_code = 0;       // valid when started and signal == 0
    int signal = 0;          // the signal that ended the child, if any
    std::string output;      // stdout, with Output::Capture
    std::string errors;      // stderr, with err_capture
    std::string spawn_error; // why it could not be started

    bool ok() const { return started && signal == 0 && exit_code == 0; }
    // The status to pass on, once started: the exit code, or 128+signal.
    int status() const { return signal ? 128 + signal : exit_code; }
};

// How it ended, for QEMU_DOCKER_TRACE: "exit 0", "signal 9" or
// "cannot start: REASON".
std::string outcome_text(const ProcessResult& result);
// The first line of TEXT that is not blank.
std::string first_line(std::string_view text);
// Why a command did not work, in one line for a person: its first line on
// stderr (with err_capture), else outcome_text().
std::string failure_line(const ProcessResult& result);

// What ended ChildProcess::wait.
struct WaitEvent {
    bool exited = false; // the child has ended: result() is complete
    int signal = 0;      // else SIGINT, SIGTERM or SIGHUP arrived; neither: timed out
};

// A running child: started by the constructor, killed (SIGKILL) and reaped
// by the destructor if it still runs then.
class ChildProcess {
  public:
    // Throws Interrupted instead of starting it when the request is
    // interruptible and one of those signals has arrived.
    explicit ChildProcess(const SpawnRequest& request);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Reads its captured output until it has ended, a signal arrives or
    // TIMEOUT (none: no limit) passes.  Throws Error if waiting fails.
    WaitEvent wait(std::optional<std::chrono::milliseconds> timeout = std::nullopt);
    // Sends SIGNO to the child unless it has ended.
    void send(int signo);
    const ProcessResult& result() const { return result_; }

  private:
    void reap(int options);
    void trace_end() const;

    BlockedSignals interrupts_;  // held back while the child runs...
    bool interruptible_;         // ...and taken when it is interruptible
    BlockedSignals child_ended_; // SIGCHLD, for poll
    std::string name_;           // argv[0], for messages
    pid_t pid_ = -1;             // until reaped
    UniqueFd out_, err_;         // the captured pipes until their end
    std::function<void(std::string_view)> err_stream_;
    ProcessResult result_;
    std::string traced_command_; // with QEMU_DOCKER_TRACE only
    std::chrono::steady_clock::time_point started_at_;
};

class ProcessRunner {
  public:
    virtual ~ProcessRunner() = default;
    // Starts the program; result().started says whether it could be run.
    virtual std::unique_ptr<ChildProcess> start(const SpawnRequest& request) = 0;
    // Starts it and waits for its end, passing SIGINT, SIGTERM and SIGHUP on
    // to it; when one came, throws Interrupted once the child has ended.
    // Virtual so that a unit test can answer without a child.
    virtual ProcessResult run(const SpawnRequest& request);
};

class PosixSpawnRunner : public ProcessRunner {
  public:
    std::unique_ptr<ChildProcess> start(const SpawnRequest& request) override;
};

} // namespace qd
