#pragma once

// Running programs: the seam between qemu-docker and the engine.  The real
// runner uses posix_spawnp; tests can hand the Engine a recording one.

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace qd {

enum class Output { Inherit, Null, Capture };

struct SpawnRequest {
    std::vector<std::string> argv;                        // argv[0] is looked up in PATH
    std::vector<std::pair<std::string, std::string>> env; // set on top of ours
    Output out = Output::Inherit;
    bool err_null = false;    // stderr to /dev/null (the engine probe)
    bool err_capture = false; // stderr into ProcessResult::errors
    std::string cwd;          // empty: ours
    // Writes the child's stdin (a pipe) and returns; the fd is closed after.
    std::function<void(int fd)> feed_stdin;
    // Called, outside any signal handler, when SIGINT, SIGTERM or SIGHUP
    // arrives while the child runs; the runner then keeps waiting for it.
    std::function<void(int signo)> on_signal;
    // Pass SIGINT, SIGTERM and SIGHUP on to the child instead of dying of
    // them, so that the caller can clean up after it (interrupted_by).
    bool forward_signals = false;
};

struct ProcessResult {
    bool started = false;    // false: the program could not be run at all
    int exit_code = 0;       // valid when started and signal == 0
    int signal = 0;          // the signal that ended the child, if any
    int interrupted_by = 0;  // the signal on_signal was called for, if any
    std::string output;      // stdout, with Output::Capture
    std::string errors;      // stderr, with err_capture
    std::string spawn_error; // why it could not be started

    bool ok() const { return started && signal == 0 && exit_code == 0; }
    // The status to pass on: the exit code, 128+signal, or 127/126.
    int status() const;
};

class ProcessRunner {
  public:
    virtual ~ProcessRunner() = default;
    virtual ProcessResult run(const SpawnRequest& request) = 0;
};

class PosixSpawnRunner : public ProcessRunner {
  public:
    ProcessResult run(const SpawnRequest& request) override;
};

} // namespace qd
