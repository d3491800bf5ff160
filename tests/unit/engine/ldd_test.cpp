#include "qemu_docker/engine/ldd.h"
#include "qemu_docker/util/error.h"
#include "scripted_runner.h"

#include <gtest/gtest.h>

namespace {

using qd::test::exited;
using qd::test::ScriptedRunner;
using Libs = std::vector<std::string>;

TEST(RunLdd, RunsLddOnTheExecutableAndReadsItsOutput) {
    ScriptedRunner runner(exited(0,
                                 "\tlinux-vdso.so.1 (0x00007ffd)\n"
                                 "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f83)\n",
                                 "warning\n"));
    auto ldd = qd::run_ldd("/b/qemu-aarch64", runner);
    ASSERT_EQ(runner.requests.size(), 1u);
    EXPECT_EQ(runner.requests[0].argv, (Libs{"ldd", "/b/qemu-aarch64"}));
    EXPECT_EQ(runner.requests[0].out, qd::Output::Capture);
    EXPECT_TRUE(runner.requests[0].err_capture);
    EXPECT_EQ(ldd.libraries, (Libs{"linux-vdso.so.1", "/lib/x86_64-linux-gnu/libc.so.6"}));
    EXPECT_EQ(ldd.errors, "warning\n");
}

TEST(RunLdd, FailureMeansNoLibraries) {
    ScriptedRunner runner(exited(1, "", "\tnot a dynamic executable\n"));
    auto ldd = qd::run_ldd("/b/static", runner);
    EXPECT_EQ(ldd.libraries, std::nullopt);
    EXPECT_EQ(ldd.errors, "\tnot a dynamic executable\n");
}

TEST(RunLdd, NotStartedIsAnError) {
    qd::ProcessResult absent;
    absent.spawn_error = "No such file or directory";
    ScriptedRunner runner(absent);
    try {
        qd::run_ldd("/b/x", runner);
        FAIL() << "no error";
    } catch (const qd::Error& e) {
        EXPECT_STREQ(e.what(), "cannot run ldd: No such file or directory");
    }
}

} // namespace
