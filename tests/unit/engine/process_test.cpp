#include "qemu_docker/engine/process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>

namespace {

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

TEST(PosixSpawnRunner, CapturedAndFedDescriptorsStillWork) {
    qd::PosixSpawnRunner runner;
    qd::SpawnRequest request;
    request.argv = {"/bin/sh", "-c", "cat; echo err >&2"};
    request.out = qd::Output::Capture;
    request.err_capture = true;
    request.feed_stdin = [](int fd) { ASSERT_EQ(::write(fd, "in\n", 3), 3); };
    auto result = runner.run(request);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.output, "in\n");
    EXPECT_EQ(result.errors, "err\n");
}

} // namespace
