#include "qemu_docker/engine/process.h"

#include "qemu_docker/engine/interrupt_guard.h"
#include "qemu_docker/util/environment.h"
#include "qemu_docker/util/unique_fd.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <optional>
#include <poll.h>
#include <spawn.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace qd {

int ProcessResult::status() const {
    if (!started)
        return 127;
    if (signal)
        return 128 + signal;
    return exit_code;
}

namespace {

struct Pipe {
    UniqueFd read, write;
};

Pipe make_pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw std::runtime_error(fmt::format("pipe: {}", std::strerror(errno)));
    return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

// Blocks SIGINT/SIGTERM/SIGHUP while alive so that they can be read from a
// signalfd instead of interrupting us at an arbitrary point.
class BlockedSignals {
  public:
    BlockedSignals() {
        sigset_t set = interrupt_signals();
        sigprocmask(SIG_BLOCK, &set, &old_);
        fd_ = UniqueFd(signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
    }
    ~BlockedSignals() { sigprocmask(SIG_SETMASK, &old_, nullptr); }
    int fd() const { return fd_.get(); }
    int take() {
        signalfd_siginfo info;
        if (::read(fd_.get(), &info, sizeof info) == sizeof info)
            return static_cast<int>(info.ssi_signo);
        return 0;
    }

  private:
    sigset_t old_;
    UniqueFd fd_;
};

std::vector<std::string> child_environment(const SpawnRequest& request) {
    std::vector<std::string> env;
    for (const auto& variable : environment_variables()) {
        bool overridden = false;
        for (const auto& [name, value] : request.env)
            overridden = overridden || variable.name == name;
        if (!overridden)
            env.emplace_back(variable.entry);
    }
    for (const auto& [name, value] : request.env)
        env.push_back(name + "=" + value);
    return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

class SpawnAttributes {
  public:
    SpawnAttributes() {
        posix_spawnattr_init(&attr_);
        posix_spawn_file_actions_init(&actions_);
        // The child starts with default handling of the signals we block.
        sigset_t empty, defaults = interrupt_signals();
        sigemptyset(&empty);
        sigaddset(&defaults, SIGPIPE);
        posix_spawnattr_setsigmask(&attr_, &empty);
        posix_spawnattr_setsigdefault(&attr_, &defaults);
        posix_spawnattr_setflags(&attr_, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    }
    ~SpawnAttributes() {
        posix_spawn_file_actions_destroy(&actions_);
        posix_spawnattr_destroy(&attr_);
    }
    void dup_to(int fd, int target) {
        check(posix_spawn_file_actions_adddup2(&actions_, fd, target));
    }
    void open_null(int target) {
        check(posix_spawn_file_actions_addopen(&actions_, target, "/dev/null", O_RDWR, 0));
    }
    void chdir(const std::string& dir) {
        check(posix_spawn_file_actions_addchdir_np(&actions_, dir.c_str()));
    }
    // The child gets stdin, stdout and stderr only, as Python's subprocess
    // (close_fds) gives docker.py's children: not make's jobserver pipes or
    // whatever else the caller left open.
    void close_inherited() { check(posix_spawn_file_actions_addclosefrom_np(&actions_, 3)); }
    const posix_spawnattr_t* attr() const { return &attr_; }
    const posix_spawn_file_actions_t* actions() const { return &actions_; }

  private:
    static void check(int rc) {
        if (rc != 0)
            throw std::runtime_error(fmt::format("posix_spawn setup: {}", std::strerror(rc)));
    }
    posix_spawnattr_t attr_;
    posix_spawn_file_actions_t actions_;
};

// Reads the captured stdout and stderr pipes (either may be closed, -1)
// until both reach end of file, without letting one block the other.
void read_pipes(int out_fd, std::string& out, int err_fd, std::string& err) {
    char buf[65536];
    pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    std::string* sinks[2] = {&out, &err};
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !fds[i].revents)
                continue;
            ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
            if (n > 0)
                sinks[i]->append(buf, static_cast<size_t>(n));
            else if (n == 0 || errno != EINTR)
                fds[i].fd = -1; // poll skips negative descriptors
        }
    }
}

void decode_wait_status(int status, ProcessResult& result) {
    if (WIFEXITED(status))
        result.exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        result.signal = WTERMSIG(status);
}

int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

// Waits for the child while reading the signalfd.  On the first interrupting
// signal it calls on_signal, and again every two seconds while the child
// lives (its container may not have existed yet); after that it kills it.
int wait_interruptible(pid_t pid, BlockedSignals& signals, const SpawnRequest& request,
                       ProcessResult& result) {
    constexpr int kRetryMs = 2000, kRetries = 10;
    UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    if (pidfd.get() < 0)
        return wait_for(pid);
    int retries = 0;
    for (;;) {
        pollfd fds[2] = {{pidfd.get(), POLLIN, 0}, {signals.fd(), POLLIN, 0}};
        bool retrying = result.interrupted_by && request.on_signal;
        int n = ::poll(fds, 2, retrying ? kRetryMs : -1);
        if (n < 0 && errno == EINTR)
            continue;
        if (fds[0].revents)
            return wait_for(pid);
        if (n == 0 && ++retries > kRetries) {
            ::kill(pid, SIGKILL);
            return wait_for(pid);
        }
        int signo = n == 0 ? result.interrupted_by : signals.take();
        if (signo && request.forward_signals && n != 0)
            ::kill(pid, signo);
        if (signo && (!result.interrupted_by || n == 0)) {
            result.interrupted_by = signo;
            if (request.on_signal)
                request.on_signal(signo);
        }
    }
}

} // namespace

ProcessResult PosixSpawnRunner::run(const SpawnRequest& request) {
    ProcessResult result;
    std::fflush(stdout);
    std::fflush(stderr);

    SpawnAttributes spawn;
    Pipe out_pipe, err_pipe, in_pipe;
    if (request.out == Output::Capture) {
        out_pipe = make_pipe();
        spawn.dup_to(out_pipe.write.get(), STDOUT_FILENO);
    } else if (request.out == Output::Null) {
        spawn.open_null(STDOUT_FILENO);
    }
    if (request.err_null) {
        spawn.open_null(STDERR_FILENO);
    } else if (request.err_capture) {
        err_pipe = make_pipe();
        spawn.dup_to(err_pipe.write.get(), STDERR_FILENO);
    }
    if (request.feed_stdin) {
        in_pipe = make_pipe();
        spawn.dup_to(in_pipe.read.get(), STDIN_FILENO);
    }
    if (!request.cwd.empty())
        spawn.chdir(request.cwd);
    spawn.close_inherited();

    std::optional<BlockedSignals> signals;
    if (request.on_signal || request.forward_signals)
        signals.emplace();

    auto argv_strings = request.argv;
    auto env_strings = child_environment(request);
    auto argv = c_strings(argv_strings);
    auto envp = c_strings(env_strings);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, argv[0], spawn.actions(), spawn.attr(), argv.data(), envp.data());
    out_pipe.write.reset();
    err_pipe.write.reset();
    in_pipe.read.reset();
    if (rc != 0) {
        result.spawn_error = std::strerror(rc);
        return result;
    }
    result.started = true;
    if (request.feed_stdin) {
        try {
            request.feed_stdin(in_pipe.write.get());
        } catch (...) {
            in_pipe.write.reset(); // the child sees the end of its input...
            wait_for(pid);         // ...and is not left behind
            throw;
        }
        in_pipe.write.reset();
    }
    read_pipes(out_pipe.read.get(), result.output, err_pipe.read.get(), result.errors);
    int status = signals ? wait_interruptible(pid, *signals, request, result) : wait_for(pid);
    decode_wait_status(status, result);
    return result;
}

} // namespace qd
