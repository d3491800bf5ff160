#include "qemu_docker/engine/process.h"
#include "qemu_docker/engine/spawn.h"
#include "qemu_docker/util/poll_timeout.h"
#include "qemu_docker/util/trace.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <poll.h>
#include <sys/wait.h>

namespace qd {

namespace {

using Clock = std::chrono::steady_clock;

// A child's end is noticed by SIGCHLD through a signalfd, as the signals
// are: no pidfd_open, which kernels before 5.3, gVisor and some seccomp
// profiles refuse (refused_calls_test.cpp).
sigset_t child_end_signal() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    return set;
}

// Appends what PIPE has to SINK; closes it at its end.
void read_pipe(UniqueFd& pipe, std::string& sink) {
    char buf[65536];
    ssize_t n = ::read(pipe.get(), buf, sizeof buf);
    if (n > 0)
        sink.append(buf, static_cast<size_t>(n));
    else if (n == 0 || errno != EINTR)
        pipe.reset();
}

} // namespace

std::string outcome_text(const ProcessResult& result) {
    if (!result.started)
        return "cannot start: " + result.spawn_error;
    if (result.signal)
        return fmt::format("signal {}", result.signal);
    return fmt::format("exit {}", result.exit_code);
}

std::string first_line(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    return std::string(text.substr(0, text.find('\n')));
}

std::string failure_line(const ProcessResult& result) {
    std::string said = result.started ? first_line(result.errors) : "";
    return said.empty() ? outcome_text(result) : said;
}

ChildProcess::ChildProcess(const SpawnRequest& request)
    : interrupts_(interrupt_signals()), interruptible_(request.interruptible),
      child_ended_(child_end_signal()), name_(request.argv.at(0)), err_stream_(request.err_stream) {
    if (int signo = interruptible_ ? interrupts_.take() : 0)
        throw Interrupted(signo);
    if (tracing())
        traced_command_ = shell_command_line(request.env, request.argv);
    std::fflush(stdout);
    std::fflush(stderr);
    started_at_ = Clock::now();
    auto spawned = spawn_process(request);
    pid_ = spawned.pid;
    out_ = std::move(spawned.out);
    err_ = std::move(spawned.err);
    result_.started = pid_ > 0;
    result_.spawn_error = std::move(spawned.error);
    if (!result_.started)
        trace_end();
}

ChildProcess::~ChildProcess() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
        }
        result_.signal = SIGKILL;
        try {
            trace_end();
        } catch (...) { // a destructor must not throw; the trace is not worth it
        }
    }
}

void ChildProcess::trace_end() const {
    if (!tracing())
        return;
    auto took = std::chrono::duration<double, std::milli>(Clock::now() - started_at_);
    trace(
        fmt::format("{} -> {} ({:.0f} ms)", traced_command_, outcome_text(result_), took.count()));
}

void ChildProcess::reap(int options) {
    int status = 0;
    pid_t reaped;
    while ((reaped = ::waitpid(pid_, &status, options)) < 0 && errno == EINTR) {
    }
    if (reaped == 0)
        return; // still running
    pid_ = -1;
    if (reaped < 0)
        throw Error(fmt::format("waiting for {}: {}", name_, std::strerror(errno)));
    if (WIFEXITED(status))
        result_.exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        result_.signal = WTERMSIG(status);
    trace_end();
}

// Every turn first takes a signal that has arrived (also one that came just
// before the child ended), then reaps the child if it has ended: its SIGCHLD
// may have been taken by the wait for another child (the removal of a run's
// container).
WaitEvent ChildProcess::wait(std::optional<std::chrono::milliseconds> timeout) {
    std::optional<Clock::time_point> deadline;
    if (timeout)
        deadline = Clock::now() + *timeout;
    for (;;) {
        if (int signo = interruptible_ ? interrupts_.take() : 0)
            return {false, signo};
        if (pid_ > 0)
            reap(WNOHANG);
        if (pid_ <= 0 && !out_.valid() && !err_.valid())
            return {true, 0};
        pollfd fds[4] = {{out_.get(), POLLIN, 0},
                         {err_.get(), POLLIN, 0},
                         {pid_ > 0 ? child_ended_.fd() : -1, POLLIN, 0},
                         {interruptible_ ? interrupts_.fd() : -1, POLLIN, 0}};
        int ready = ::poll(fds, 4, poll_timeout(deadline));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            throw Error(fmt::format("waiting for {}: poll: {}", name_, std::strerror(errno)));
        if (ready == 0)
            return {false, 0};
        if (fds[0].revents)
            read_pipe(out_, result_.output);
        if (fds[1].revents && err_stream_) {
            std::string piece;
            read_pipe(err_, piece);
            err_stream_(piece);
        } else if (fds[1].revents) {
            read_pipe(err_, result_.errors);
        }
        if (fds[2].revents)
            while (child_ended_.take()) {
            }
    }
}

void ChildProcess::send(int signo) {
    if (pid_ > 0)
        ::kill(pid_, signo);
}

} // namespace qd
