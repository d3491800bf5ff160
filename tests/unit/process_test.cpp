#include "qemu_docker/process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>

namespace {

// A child sees only stdin, stdout and stderr of ours, as docker.py's
// children do (Python closes the rest): a descriptor we leave open without
// FD_CLOEXEC, e.g. make's jobserver pipe, does not reach the engine.
TEST(PosixSpawnRunner, ChildGetsNoInheritedDescriptors) {
    int fd = ::open("/dev/null", O_RDONLY); // no O_CLOEXEC
    ASSERT_GE(fd, 3);
    qd::PosixSpawnRunner runner;
    qd::SpawnRequest request;
    request.argv = {"/bin/sh", "-c", "ls /proc/$$/fd | sort -n | tr '\\n' ' '"};
    request.out = qd::Output::Capture;
    auto result = runner.run(request);
    ::close(fd);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.output, "0 1 2 ");
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
