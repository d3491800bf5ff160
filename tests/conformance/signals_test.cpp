// Signals while `run` or `cc` waits for its container: qemu-docker removes
// its own container (and no other), then exits 128+signal.
#include "fixture.h"

#include <csignal>
#include <thread>

namespace conformance {
namespace {

using namespace std::chrono_literals;

const json kWaitingPodman = R"({"podman": {"run": {"wait": true}}})"_json;

struct SignalCase {
    int signo;
    bool to_group; // as Ctrl-C does: the whole process group gets it
};

void PrintTo(const SignalCase& c, std::ostream* out) {
    *out << "signal " << c.signo << (c.to_group ? " to the group" : " to the process");
}

std::string case_name(const testing::TestParamInfo<SignalCase>& info) {
    const char* name = info.param.signo == SIGINT    ? "SIGINT"
                       : info.param.signo == SIGTERM ? "SIGTERM"
                                                     : "SIGHUP";
    return std::string(name) + (info.param.to_group ? "ToGroup" : "ToProcess");
}

class Signal : public QemuDocker, public testing::WithParamInterface<SignalCase> {};

INSTANTIATE_TEST_SUITE_P(Signals, Signal,
                         testing::Values(SignalCase{SIGINT, false}, SignalCase{SIGINT, true},
                                         SignalCase{SIGTERM, false}, SignalCase{SIGTERM, true},
                                         SignalCase{SIGHUP, false}, SignalCase{SIGHUP, true}),
                         case_name);

TEST_P(Signal, RemovesItsOwnContainerAndExits) {
    auto child = start(kWaitingPodman, {"run", "img", "sleep"}, RunOptions::process_group());
    ASSERT_TRUE(sandbox().wait_running(1));
    child->signal(GetParam().signo, GetParam().to_group);
    auto r = finish(*child);
    EXPECT_FALSE(r.timed_out);
    EXPECT_LT(r.elapsed, 5s);
    EXPECT_EQ(r.engine_lines(), (Lines{"podman " + run_line("img sleep"),
                                       "podman ps -q --filter=label=com.qemu.instance.uuid=<uuid>",
                                       "podman " + podman_rm("c1")}));
    EXPECT_EQ(r.out, "filter=--filter=label=com.qemu.instance.uuid=<uuid>\n");
    EXPECT_EQ(r.status, 128 + GetParam().signo);
    EXPECT_EQ(sandbox().running(), Lines{});
}

TEST_P(Signal, LeavesAnotherInvocationsContainer) {
    auto mine = start(kWaitingPodman, {"run", "img", "sleep"}, RunOptions::process_group());
    ASSERT_TRUE(sandbox().wait_running(1));
    auto other = start(kWaitingPodman, {"run", "img", "sleep"}, RunOptions::process_group());
    ASSERT_TRUE(sandbox().wait_running(2));
    mine->signal(GetParam().signo, GetParam().to_group);
    auto r = finish(*mine);
    EXPECT_EQ(r.status, 128 + GetParam().signo);
    EXPECT_EQ(sandbox().running(), Lines{"c2"});
    EXPECT_EQ(r.engine_lines(), (Lines{"podman " + run_line("img sleep"),
                                       "podman " + run_line("img sleep", "<uuid2>"),
                                       "podman ps -q --filter=label=com.qemu.instance.uuid=<uuid>",
                                       "podman " + podman_rm("c1")}));
    other->signal(SIGTERM);
    EXPECT_EQ(finish(*other).status, 128 + SIGTERM);
    EXPECT_EQ(sandbox().running(), Lines{});
}

TEST_P(Signal, ListingFailureIsReportedAndTheSignalStillEndsIt) {
    auto child = start(R"({"podman": {"run": {"wait": true}, "ps": {"exit": 1}}})"_json,
                       {"run", "img", "sleep"}, RunOptions::process_group());
    ASSERT_TRUE(sandbox().wait_running(1));
    child->signal(GetParam().signo, GetParam().to_group);
    // It retries every two seconds while the run lives: end the run once it
    // has looked for its container.
    auto listed = [&] {
        for (const auto& call : sandbox().calls())
            if (call.command() == "ps")
                return true;
        return false;
    };
    for (int i = 0; i < 500 && !listed(); ++i)
        std::this_thread::sleep_for(10ms);
    sandbox().run({"/bin/sh", "-c", "exec podman rm -f c1"});
    auto r = finish(*child);
    EXPECT_LT(r.elapsed, 5s);
    ASSERT_GE(r.engine_lines().size(), 2u);
    EXPECT_EQ(r.engine_lines()[0], "podman " + run_line("img sleep"));
    EXPECT_EQ(r.engine_lines()[1], "podman ps -q --filter=label=com.qemu.instance.uuid=<uuid>");
    EXPECT_TRUE(r.out.starts_with("filter=--filter=label=com.qemu.instance.uuid=<uuid>\n"))
        << r.out;
    EXPECT_TRUE(
        r.err.starts_with("qemu-docker: error: listing containers failed (exit status 1)\n"))
        << r.err;
    EXPECT_EQ(r.status, 128 + GetParam().signo);
}

class SignalEachEngine : public EachEngine {};
QD_EACH_ENGINE(SignalEachEngine);

TEST_P(SignalEachEngine, SigtermDuringRun) {
    auto child = start(config(R"({"run": {"wait": true}})"_json), args({"run", "img", "sleep"}));
    ASSERT_TRUE(sandbox().wait_running(1));
    child->signal(SIGTERM);
    auto r = finish(*child);
    EXPECT_EQ(r.lines(), probed({run_line("img sleep"),
                                 "ps -q --filter=label=com.qemu.instance.uuid=<uuid>", rm("c1")}));
    EXPECT_EQ(r.out, "filter=--filter=label=com.qemu.instance.uuid=<uuid>\n");
    EXPECT_EQ(r.status, 128 + SIGTERM);
    EXPECT_EQ(sandbox().running(), Lines{});
}

TEST_P(SignalEachEngine, SigintDuringCc) {
    auto child = start(config(R"({"run": {"wait": true}})"_json), args({"cc", "-i", "img", "x.c"}),
                       RunOptions::process_group());
    ASSERT_TRUE(sandbox().wait_running(1));
    child->signal(SIGINT, true);
    auto r = finish(*child);
    EXPECT_EQ(r.lines(), probed({rootless_question(),
                                 run_line(user() + " -w <tmp>/work -v <tmp>/work:<tmp>/work:rw "
                                                   "img cc x.c"),
                                 "ps -q --filter=label=com.qemu.instance.uuid=<uuid>", rm("c1")}));
    EXPECT_EQ(r.status, 128 + SIGINT);
    EXPECT_EQ(sandbox().running(), Lines{});
}

class SignalKeep : public QemuDocker {};

// --keep: nothing to remove; the signal goes to the engine client, which
// here ignores it (as podman run passes it to a container whose pid 1
// ignores it), and qemu-docker waits for the client: no orphan.
TEST_F(SignalKeep, KeptContainerIsNotTrackedAndItsClientIsWaitedFor) {
    auto child = start(kWaitingPodman, {"run", "--keep", "img", "sleep"});
    ASSERT_TRUE(sandbox().wait_running(1));
    child->signal(SIGTERM);
    for (int i = 0; i < 500 && sandbox().signals().empty(); ++i)
        std::this_thread::sleep_for(10ms);
    EXPECT_EQ(sandbox().signals(), Lines{"run SIGTERM"});
    sandbox().run({"/bin/sh", "-c", "exec podman rm -f c1"});
    auto r = finish(*child);
    EXPECT_EQ(r.engine_lines(), (Lines{"podman " + run_line("img sleep"), "podman rm -f c1"}));
    EXPECT_EQ(r.out, "");
    // said once the client had ended
    EXPECT_EQ(r.err, "qemu-docker: error: interrupted by SIGTERM\n");
    EXPECT_EQ(r.status, 128 + SIGTERM);
    EXPECT_EQ(sandbox().running(), Lines{});
}

} // namespace
} // namespace conformance
