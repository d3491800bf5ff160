// qemu-docker where the kernel refuses a call (an old kernel, gVisor, a
// seccomp profile; refused_calls/ makes it fail): without pidfd_open the
// signals work as ever; without signalfd or poll it says so and leaves
// nothing behind, instead of ignoring the signals or spinning.
#include "fixture.h"

#include <csignal>
#include <cstdlib>

namespace conformance {
namespace {

using namespace std::chrono_literals;

// The environment that refuses CALLS to qemu-docker.
RunOptions refusing(const std::string& calls) {
    RunOptions options = RunOptions::process_group();
    options.env["LD_PRELOAD"] = REFUSED_CALLS_LIBRARY;
    options.env["QD_TEST_REFUSE"] = calls;
    // under ASan, whose runtime then is not the first library
    const char* asan = std::getenv("ASAN_OPTIONS");
    options.env["ASAN_OPTIONS"] =
        std::string(asan ? asan : "") + (asan ? ":" : "") + "verify_asan_link_order=0";
    return options;
}

class RefusedCalls : public QemuDocker {};

TEST_F(RefusedCalls, WithoutPidfdASignalDuringRunRemovesTheContainer) {
    auto child = start(R"({"podman": {"run": {"wait": true}}})"_json, {"run", "img", "sleep"},
                       refusing("pidfd_open"));
    ASSERT_TRUE(sandbox().wait_running(1));
    child->signal(SIGTERM);
    auto r = finish(*child);
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(r.engine_lines(), (Lines{"podman " + run_line("img sleep"),
                                       "podman ps -q --filter=label=com.qemu.instance.uuid=<uuid>",
                                       "podman " + podman_rm("c1")}));
    EXPECT_EQ(r.status, 128 + SIGTERM);
    EXPECT_EQ(sandbox().running(), Lines{});
}

TEST_F(RefusedCalls, WithoutPidfdASignalDuringBuildEndsIt) {
    sandbox(R"({"podman": {"build": {"wait": true, "interruptible": true}}})"_json);
    write_dockerfiles(sandbox());
    auto child =
        start({}, {"build", "-t", "qemu/base", "-f", dockerfile("base")}, refusing("pidfd_open"));
    ASSERT_TRUE(sandbox().wait_running(1));
    child->signal(SIGHUP);
    auto r = finish(*child);
    EXPECT_FALSE(r.timed_out);
    EXPECT_EQ(sandbox().signals(), Lines{"build SIGHUP"});
    EXPECT_EQ(r.err, "qemu-docker: error: interrupted by SIGHUP\n");
    EXPECT_EQ(r.status, 128 + SIGHUP);
    EXPECT_TRUE(tmpdir_empty(sandbox()));
}

TEST_F(RefusedCalls, WithoutSignalfdNothingRuns) {
    auto r = run(R"({"podman": {}})"_json, {"images"}, refusing("signalfd"));
    EXPECT_EQ(r.lines(), Lines{});
    EXPECT_EQ(r.err, "qemu-docker: error: cannot receive signals: signalfd: Function not "
                     "implemented\n");
    EXPECT_EQ(r.status, 1);
}

TEST_F(RefusedCalls, APollFailureIsAnErrorNotASpin) {
    // The probe's answer waits, so the first poll is the one waiting for it;
    // a probe that had ended before it would be reaped without a poll.
    sandbox(R"({"podman": {"version": {"wait": true}}})"_json);
    write_dockerfiles(sandbox());
    auto r = run({"build", "-t", "qemu/base", "-f", dockerfile("base")}, refusing("poll"));
    EXPECT_FALSE(r.timed_out);
    // the probe's child was killed, perhaps before it could log its call
    EXPECT_LE(r.lines().size(), 1u);
    for (const auto& line : r.lines())
        EXPECT_EQ(line, "podman version");
    EXPECT_EQ(r.err, "qemu-docker: error: waiting for podman: poll: Cannot allocate memory\n");
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(tmpdir_empty(sandbox()));
}

} // namespace
} // namespace conformance
