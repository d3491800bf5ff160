#include "qemu_docker/commands/included_executable.h"
#include "scripted_runner.h"

#include <gtest/gtest.h>

namespace {

using qd::test::exited;
using qd::test::ScriptedRunner;

const char* const kLdd = "\tlinux-vdso.so.1 (0x00007ffd)\n"
                         "\t/lib64/ld-linux-x86-64.so.2 (0x00007f83)\n";

TEST(IncludedExecutable, SkipBinfmtPutsItWhereItIs) {
    ScriptedRunner runner(exited(0, kLdd));
    auto plan = qd::plan_included_executable("/bin/true", true, runner);
    EXPECT_TRUE(plan.binfmt.enabled);
    EXPECT_TRUE(plan.binfmt.messages.empty());
    ASSERT_TRUE(plan.executable);
    EXPECT_EQ(plan.executable->image_path, "/bin/true");
    ASSERT_EQ(plan.libraries.size(), 2u);
    EXPECT_EQ(plan.libraries[1].image_path, "/lib64/ld-linux-x86-64.so.2");
    auto files = plan.libraries;
    files.insert(files.begin(), *plan.executable);
    EXPECT_EQ(plan.checksum, qd::image_files_checksum(files));
}

TEST(IncludedExecutable, NoBinfmtEntryRunsNoLdd) {
    ScriptedRunner runner(exited(0, kLdd));
    auto plan = qd::plan_included_executable("/nonexistent/qd-no-such-binfmt-entry", false, runner);
    EXPECT_FALSE(plan.binfmt.enabled);
    EXPECT_EQ(plan.checksum, std::nullopt);
    EXPECT_TRUE(runner.requests.empty());
}

TEST(IncludedExecutable, StaticExecutableHasOnlyItself) {
    ScriptedRunner runner(exited(1, "", "\tnot a dynamic executable\n"));
    auto plan = qd::plan_included_executable("/bin/true", true, runner);
    EXPECT_TRUE(plan.libraries.empty());
    EXPECT_EQ(plan.checksum, qd::image_files_checksum({*plan.executable}));
}

TEST(IncludedExecutable, ReportShowsLddsComplaintsAndNoLibraries) {
    testing::internal::CaptureStdout();
    testing::internal::CaptureStderr();
    qd::report_ldd({std::nullopt, "\tnot a dynamic executable\n"}, "build/qemu-x");
    qd::report_ldd({std::vector<std::string>{"/lib/a.so"}, ""}, "build/qemu-y");
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "\tnot a dynamic executable\n");
    EXPECT_EQ(testing::internal::GetCapturedStdout(),
              "build/qemu-x had no associated libraries (static build?)\n");
}

} // namespace
