#include "qemu_docker/engine/process.h"
#include "temp_dir.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>

namespace {

using namespace std::chrono_literals;

// A read-only descriptor of a file holding TEXT.
qd::UniqueFd file_with(const qd::test::TempDir& dir, const std::string& text) {
    return qd::UniqueFd(::open(dir.write("input", text).c_str(), O_RDONLY | O_CLOEXEC));
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// A child sees only stdin, stdout and stderr of ours, as docker.py's
// children do (Python closes the rest): a descriptor we leave open without
// FD_CLOEXEC, e.g. make's jobserver pipe, does not reach the engine.
TEST(PosixSpawnRunner, ChildGetsNoInheritedDescriptors) {
    int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    ASSERT_GE(null_fd, 0);
    int fd = ::fcntl(null_fd, F_DUPFD, 50); // a copy without FD_CLOEXEC
    ::close(null_fd);
    ASSERT_GE(fd, 50);
    qd::PosixSpawnRunner runner;
    qd::SpawnRequest request;
    // the shell's own descriptors, tested by its builtin: no pipeline or
    // command of its own that could hold others
    request.argv = {"/bin/sh", "-c",
                    "if [ -e /proc/$$/fd/" + std::to_string(fd) +
                        " ]; then echo open; else echo closed; fi"};
    request.out = qd::Output::Capture;
    auto result = runner.run(request);
    ::close(fd);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.output, "closed\n");
}

TEST(PosixSpawnRunner, CapturedDescriptorsAndStdinFileStillWork) {
    qd::test::TempDir dir;
    auto input = file_with(dir, "in\n");
    qd::PosixSpawnRunner runner;
    qd::SpawnRequest request;
    request.argv = {"/bin/sh", "-c", "cat; echo err >&2"};
    request.out = qd::Output::Capture;
    request.err_capture = true;
    request.stdin_fd = input.get();
    auto result = runner.run(request);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.output, "in\n");
    EXPECT_EQ(result.errors, "err\n");
}

// Stdin is a file, not a pipe fed while the output pipes fill up: a
// megabyte in and out of both captured pipes does not deadlock.
TEST(PosixSpawnRunner, InputAndOutputBeyondAPipeBuffer) {
    qd::test::TempDir dir;
    std::string data(1 << 20, 'x');
    auto input = file_with(dir, data);
    qd::PosixSpawnRunner runner;
    qd::SpawnRequest request;
    request.argv = {"tee", "/dev/stderr"};
    request.out = qd::Output::Capture;
    request.err_capture = true;
    request.stdin_fd = input.get();
    auto result = runner.run(request);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.output, data);
    EXPECT_EQ(result.errors, data);
}

TEST(PosixSpawnRunner, ExitCodeAndSignalAreTheStatus) {
    qd::PosixSpawnRunner runner;
    qd::SpawnRequest request;
    request.argv = {"/bin/sh", "-c", "exit 7"};
    auto exited = runner.run(request);
    EXPECT_TRUE(exited.started);
    EXPECT_EQ(exited.status(), 7);
    request.argv = {"/bin/sh", "-c", "kill -KILL $$"};
    auto killed = runner.run(request);
    EXPECT_EQ(killed.signal, SIGKILL);
    EXPECT_EQ(killed.status(), 128 + SIGKILL);
}

TEST(PosixSpawnRunner, MissingProgramIsNotStarted) {
    qd::PosixSpawnRunner runner;
    qd::SpawnRequest request;
    request.argv = {"qemu-docker-no-such-program"};
    auto result = runner.run(request);
    EXPECT_FALSE(result.started);
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.spawn_error, "No such file or directory");
}

// SIGTERM to us while the child runs (the child sends it): the child gets
// it too, and once it has ended run throws Interrupted.
TEST(PosixSpawnRunner, SignalIsPassedOnThenInterrupted) {
    qd::test::TempDir dir;
    auto got = dir.path() / "got";
    qd::PosixSpawnRunner runner;
    qd::SpawnRequest request;
    request.argv = {"/bin/sh", "-c",
                    "trap 'echo TERM > \"" + got.string() +
                        "\"; exit 3' TERM; kill -TERM $PPID; while :; do sleep 0.01; done"};
    try {
        runner.run(request);
        FAIL() << "not interrupted";
    } catch (const qd::Interrupted& e) {
        EXPECT_EQ(e.status(), 128 + SIGTERM);
        EXPECT_STREQ(e.what(), "interrupted by SIGTERM");
    }
    EXPECT_EQ(read_text(got), "TERM\n");
}

// A signal that arrived between two children (held back by the command):
// the next child is not started.
TEST(PosixSpawnRunner, SignalBeforeTheStartStartsNothing) {
    qd::test::TempDir dir;
    auto started = dir.path() / "started";
    qd::BlockedSignals held(qd::interrupt_signals());
    ::raise(SIGHUP);
    qd::PosixSpawnRunner runner;
    qd::SpawnRequest request;
    request.argv = {"touch", started.string()};
    try {
        runner.run(request);
        FAIL() << "started";
    } catch (const qd::Interrupted& e) {
        EXPECT_EQ(e.status(), 128 + SIGHUP);
    }
    EXPECT_FALSE(std::filesystem::exists(started));
    EXPECT_EQ(held.take(), 0);
}

TEST(PosixSpawnRunner, NotInterruptibleLeavesTheSignalToTheCaller) {
    qd::BlockedSignals held(qd::interrupt_signals());
    qd::PosixSpawnRunner runner;
    qd::SpawnRequest request;
    request.argv = {"/bin/sh", "-c", "kill -INT $PPID; echo done"};
    request.out = qd::Output::Capture;
    request.interruptible = false;
    auto result = runner.run(request);
    EXPECT_TRUE(result.ok());
    EXPECT_EQ(result.output, "done\n");
    EXPECT_EQ(held.take(), SIGINT);
}

TEST(PosixSpawnRunner, TheThrowIfInterruptedCheckTakesAHeldSignal) {
    qd::BlockedSignals held(qd::interrupt_signals());
    EXPECT_NO_THROW(qd::throw_if_interrupted());
    ::raise(SIGINT);
    EXPECT_THROW(qd::throw_if_interrupted(), qd::Interrupted);
    EXPECT_EQ(held.take(), 0);
}

// The primitives run's container removal is built from.
TEST(ChildProcess, WaitReportsASignalWithoutPassingItOn) {
    qd::SpawnRequest request;
    request.argv = {"/bin/sh", "-c", "kill -TERM $PPID; echo alive"};
    request.out = qd::Output::Capture;
    qd::ChildProcess child(request);
    auto event = child.wait();
    EXPECT_FALSE(event.exited);
    EXPECT_EQ(event.signal, SIGTERM);
    event = child.wait();
    EXPECT_TRUE(event.exited);
    EXPECT_TRUE(child.result().ok());
    EXPECT_EQ(child.result().output, "alive\n");
}

TEST(ChildProcess, WaitTimesOutAndSendEndsIt) {
    qd::SpawnRequest request;
    request.argv = {"sleep", "30"};
    qd::ChildProcess child(request);
    auto event = child.wait(10ms);
    EXPECT_FALSE(event.exited);
    EXPECT_EQ(event.signal, 0);
    child.send(SIGKILL);
    EXPECT_TRUE(child.wait().exited);
    EXPECT_EQ(child.result().signal, SIGKILL);
}

TEST(ChildProcess, OneStillRunningIsKilledWhenItGoes) {
    pid_t pid = 0;
    {
        qd::SpawnRequest request;
        request.argv = {"/bin/sh", "-c", "echo $$; exec sleep 30"};
        request.out = qd::Output::Capture;
        qd::ChildProcess child(request);
        while (child.result().output.find('\n') == std::string::npos)
            ASSERT_FALSE(child.wait(10ms).exited);
        pid = std::stoi(child.result().output);
    }
    EXPECT_EQ(::kill(pid, 0), -1);
    EXPECT_EQ(errno, ESRCH);
}

} // namespace
