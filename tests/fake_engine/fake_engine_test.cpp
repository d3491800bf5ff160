// The stand-in engine itself: what it logs and how it answers.
#include "sandbox.h"

#include <algorithm>
#include <csignal>
#include <gtest/gtest.h>
#include <thread>

namespace fake_engine {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;
using Lines = std::vector<std::string>;

// Runs the shell command SCRIPT in SANDBOX.
Outcome sh(const Sandbox& sandbox, const std::string& script, const RunOptions& options = {}) {
    return sandbox.run({"/bin/sh", "-c", script}, options);
}

TEST(FakeEngine, LogsArgvAndChosenEnvironment) {
    Sandbox sb(R"({"docker": {"images": {"stdout": "REPO\n", "exit": 3}}})"_json);
    auto r = sh(sb, "docker images -a 'x y'", RunOptions::with_env("DOCKER_HOST", "unix:///s"));
    EXPECT_EQ(r.out, "REPO\n");
    EXPECT_EQ(r.status, 3);
    ASSERT_EQ(r.calls.size(), 1u);
    EXPECT_EQ(r.calls[0].line(), "docker images -a 'x y'");
    EXPECT_EQ(r.calls[0].env, (std::map<std::string, std::string>{{"DOCKER_HOST", "unix:///s"}}));
}

TEST(FakeEngine, AbsentProgramsAreAbsent) {
    Sandbox sb(R"({"docker": {}})"_json);
    EXPECT_EQ(sh(sb, "command -v podman || echo none").out, "none\n");
    EXPECT_EQ(sh(sb, "command -v sudo || echo none").out, "none\n");
}

TEST(FakeEngine, ByArgAnswers) {
    Sandbox sb(R"({"podman": {"pull": {"by_arg": {"bad": {"exit": 1, "stderr": "no\n"}}}}})"_json);
    EXPECT_EQ(sh(sb, "podman pull good").status, 0);
    auto r = sh(sb, "podman pull bad");
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.err, "no\n");
}

TEST(FakeEngine, SudoNeedsDashNAndAnswersFromItsOwnEntry) {
    Sandbox sb(R"({"docker": {"version": {"exit": 1}}, "sudo": {"ps": {"stdout": "c9\n"}}})"_json);
    EXPECT_EQ(sh(sb, "docker version").status, 1);
    EXPECT_EQ(sh(sb, "sudo -n docker version").status, 0);
    EXPECT_EQ(sh(sb, "sudo docker version").status, 1);
    EXPECT_EQ(sh(sb, "sudo -n podman version").status, 1);
    auto r = sh(sb, "sudo -n docker ps -q");
    EXPECT_EQ(r.out, "c9\n");
    EXPECT_EQ(r.lines(), (Lines{"docker version", "sudo -n docker version", "sudo docker version",
                                "sudo -n podman version", "sudo -n docker ps -q"}));
    EXPECT_EQ(r.calls.back().command(), "ps");
}

TEST(FakeEngine, SudoResetsTheEnvironmentAsRealSudoDoes) {
    Sandbox sb(R"({"sudo": {}})"_json);
    RunOptions o;
    o.env = {{"DOCKER_BUILDKIT", "1"},
             {"http_proxy", "http://p"},
             {"TRAVIS", "true"},
             {"LC_ALL", "C"},
             {"TERM", "dumb"}};
    auto r = sh(sb,
                "sudo -n docker build -t x . ; env | grep -E '^(DOCKER|http|TRAVIS|LC_|TERM)' "
                "| sort",
                o);
    ASSERT_EQ(r.calls.size(), 1u);
    EXPECT_EQ(r.calls[0].env, (std::map<std::string, std::string>{}));
    // the caller's own environment is untouched
    EXPECT_EQ(r.out, "DOCKER_BUILDKIT=1\nLC_ALL=C\nTERM=dumb\nTRAVIS=true\nhttp_proxy=http://p\n");
}

TEST(FakeEngine, WaitingRunsAreListedByUuidAndEndedByRm) {
    Sandbox sb(R"({"podman": {"run": {"wait": true}}})"_json);
    auto a = sb.start({"/bin/sh", "-c", "exec podman run --label com.qemu.instance.uuid=aaa img"});
    ASSERT_TRUE(sb.wait_running(1));
    auto b = sb.start({"/bin/sh", "-c", "exec podman run --label=com.qemu.instance.uuid=bbb img"});
    ASSERT_TRUE(sb.wait_running(2));
    EXPECT_EQ(sh(sb, "podman ps -q --filter=label=com.qemu.instance.uuid").out, "c1\nc2\n");
    EXPECT_EQ(sh(sb, "podman ps -q --filter label=com.qemu.instance.uuid=bbb").out, "c2\n");
    a->signal(SIGTERM); // ignored, as by a container's pid 1
    EXPECT_EQ(sh(sb, "podman rm -f --time 0 c2").out, "c2\n");
    EXPECT_EQ(b->finish(5s).status, 137);
    EXPECT_EQ(sb.running(), Lines{"c1"});
    sh(sb, "podman rm -f c1");
    EXPECT_EQ(a->finish(5s).status, 137);
}

TEST(FakeEngine, WaitingCommandsRecordTheSignalsTheyGet) {
    Sandbox sb(R"({"podman": {"run": {"wait": true},
                              "pull": {"wait": true, "interruptible": true}}})"_json);
    auto run = sb.start({"/bin/sh", "-c", "exec podman run img"});
    ASSERT_TRUE(sb.wait_running(1));
    run->signal(SIGTERM); // ignored, but recorded
    for (int i = 0; i < 500 && sb.signals().empty(); ++i)
        std::this_thread::sleep_for(10ms);
    EXPECT_EQ(sb.signals(), Lines{"run SIGTERM"});
    auto pull = sb.start({"/bin/sh", "-c", "exec podman pull img"});
    ASSERT_TRUE(sb.wait_running(2));
    pull->signal(SIGHUP);
    EXPECT_EQ(pull->finish(5s).status, 128 + SIGHUP);
    EXPECT_EQ(sb.signals(), (Lines{"run SIGTERM", "pull SIGHUP"}));
    EXPECT_EQ(sb.running(), Lines{"c1"});
    sh(sb, "podman rm -f c1");
    EXPECT_EQ(run->finish(5s).status, 137);
}

TEST(FakeEngine, PsListingKeepsTheCannedStderrAndStatus) {
    Sandbox sb(R"({"docker": {"ps": {"exit": 1, "stderr": "Error: gone\n"}}})"_json);
    auto r = sh(sb, "docker ps -q --filter=label=com.qemu.instance.uuid");
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "Error: gone\n");
    EXPECT_EQ(r.status, 1);
}

TEST(FakeEngine, BuildRecordsTheDockerfileAndContextThenInspectSeesIt) {
    Sandbox sb(R"({"docker": {}})"_json);
    sb.write("ctx/a.txt", "alpha\n");
    sb.write("ctx/sub/b", "");
    sb.write("ctx/gen.docker", "FROM debian\nLABEL com.qemu.x=1 y=\"2\"\n");
    auto r = sh(sb, "docker build -t qemu/x -f ../ctx/gen.docker --pull ../ctx");
    EXPECT_EQ(r.status, 0);
    const Call& build = r.calls.back();
    EXPECT_EQ(build.dockerfile(), "FROM debian\nLABEL com.qemu.x=1 y=\"2\"\n");
    EXPECT_EQ(build.files(), (Lines{"a.txt 6 d046cd9b7ffb7661e449683313d41f6fc33e3130",
                                    "sub/b 0 da39a3ee5e6b4b0d3255bfef95601890afd80709"}));
    auto inspect = sh(sb, "docker inspect qemu/x:latest");
    auto labels = json::parse(inspect.out)[0]["Config"]["Labels"];
    EXPECT_EQ(labels, (R"({"com.qemu.x": "1", "y": "2"})"_json));
    auto missing = sh(sb, "docker inspect qemu/nope");
    EXPECT_EQ(missing.status, 1);
    EXPECT_EQ(missing.out, "[]\n");
}

TEST(FakeEngine, BuildFromStdinListsTheTarMembers) {
    Sandbox sb(R"({"podman": {}})"_json);
    sb.write("ctx/Dockerfile", "FROM qemu/x\n");
    sb.write("ctx/usr/bin/q", "q");
    auto r = sh(sb, "cd ../ctx && tar -cf - Dockerfile usr/bin/q | podman build -t qemu/x -");
    EXPECT_EQ(r.status, 0);
    const Call& build = r.calls.back();
    EXPECT_EQ(build.dockerfile(), "FROM qemu/x\n");
    EXPECT_EQ(build.files(), (Lines{"Dockerfile 12 8ab6d0447af244b33ff5bcff475db0503e4a7118",
                                    "usr/bin/q 1 22ea1c649c82946aa6e479e1ffd321e4a318b1b0"}));
    EXPECT_EQ(build.record["stdin_bytes"], 10240);
}

// ---- faults: "fault": {"call": N, "mode": ...} ----

TEST(FakeEngineFault, CountsCallsOfEveryProgramAndFailsTheNth) {
    Sandbox sb(R"({"podman": {}, "docker": {"ps": {"stdout": "c1\n"}}, "sudo": {},
                   "fault": {"call": 3}})"_json);
    auto r = sh(sb, "podman version; sudo -n docker version; docker ps -q; echo $?; docker ps -q");
    EXPECT_EQ(r.out, "125\nc1\n");
    EXPECT_EQ(r.err, "Error: injected failure of call 3\n");
    ASSERT_EQ(r.calls.size(), 4u);
    for (size_t i = 0; i < r.calls.size(); ++i)
        EXPECT_EQ(r.calls[i].record["call"], i + 1);
    EXPECT_EQ(r.calls[2].record["fault"], "exit");
    EXPECT_FALSE(r.calls[3].record.contains("fault"));
}

TEST(FakeEngineFault, ExitWithTheGivenStatusAndMessage) {
    Sandbox sb(R"({"docker": {}, "fault": {"call": 1, "exit": 7, "stderr": "Error: x\n"}})"_json);
    auto r = sh(sb, "docker build -t x -");
    EXPECT_EQ(r.status, 7);
    EXPECT_EQ(r.err, "Error: x\n");
    EXPECT_EQ(r.calls.at(0).record.count("stdin_bytes"), 0u); // stdin left unread
}

TEST(FakeEngineFault, KillWithSigkill) {
    Sandbox sb(R"({"sudo": {}, "fault": {"call": 1, "mode": "kill"}})"_json);
    auto r = sh(sb, "sudo -n docker images; echo $?");
    EXPECT_EQ(r.out, "137\n");
    EXPECT_EQ(r.calls.at(0).record["fault"], "kill");
}

TEST(FakeEngineFault, GarbageOrEmptyStdoutWithStatusZero) {
    for (const char* mode : {"garbage", "empty"}) {
        json config = R"({"podman": {"inspect": {"stdout": "[]\n"}}})"_json;
        config["fault"] = {{"call", 1}, {"mode", mode}};
        Sandbox sb(config);
        auto r = sh(sb, "podman inspect qemu/x");
        EXPECT_EQ(r.status, 0) << mode;
        EXPECT_EQ(r.err, "") << mode;
        EXPECT_EQ(r.out.empty(), mode == std::string("empty")) << mode;
        EXPECT_EQ(r.out.find("[]"), std::string::npos) << mode;
    }
    Sandbox sb(R"({"podman": {}, "fault": {"call": 1, "mode": "garbage", "stdout": "x\n"}})"_json);
    EXPECT_EQ(sh(sb, "podman ps").out, "x\n");
}

TEST(FakeEngineFault, HangUntilSignalled) {
    Sandbox sb(R"({"podman": {}, "fault": {"call": 1, "mode": "hang"}})"_json);
    auto hung = sb.start({"/bin/sh", "-c", "exec podman inspect qemu/x"});
    ASSERT_TRUE(sb.wait_running(1));
    EXPECT_EQ(sb.running_entries().at(0)["uuid"], nullptr);
    hung->signal(SIGINT);
    EXPECT_EQ(hung->finish(5s).status, 128 + SIGINT);
    EXPECT_EQ(sb.running(), Lines{});
}

TEST(FakeEngineFault, HangingRunIsAContainerThatRmEnds) {
    Sandbox sb(R"({"podman": {}, "fault": {"call": 1, "mode": "hang"}})"_json);
    auto hung = sb.start({"/bin/sh", "-c", "exec podman run --label com.qemu.instance.uuid=a i"});
    ASSERT_TRUE(sb.wait_running(1));
    EXPECT_EQ(sh(sb, "podman ps -q --filter=label=com.qemu.instance.uuid=a").out, "c1\n");
    sh(sb, "podman rm -f c1");
    EXPECT_EQ(hung->finish(5s).status, 137);
}

TEST(FakeEngineFault, KilledRunLeavesItsContainer) {
    Sandbox sb(R"({"docker": {}, "fault": {"call": 1, "mode": "kill",
                                           "leave_container": true}})"_json);
    EXPECT_EQ(sh(sb, "docker run --label com.qemu.instance.uuid=a i; echo $?").out, "137\n");
    ASSERT_EQ(sb.running_entries().size(), 1u);
    EXPECT_EQ(sb.running_entries()[0], (R"({"id": "c1", "uuid": "a"})"_json));
    EXPECT_EQ(sh(sb, "docker ps -q --filter=label=com.qemu.instance.uuid").out, "c1\n");
    EXPECT_EQ(sh(sb, "docker rm -f c1").out, "c1\n");
    EXPECT_EQ(sb.running(), Lines{});
}

TEST(FakeEngine, FailingRunCanLeaveItsContainer) {
    Sandbox sb(R"({"podman": {"run": {"exit": 3, "leave_container": true}}})"_json);
    EXPECT_EQ(sh(sb, "podman run --label=com.qemu.instance.uuid=b i; echo $?").out, "3\n");
    EXPECT_EQ(sh(sb, "podman ps -q --filter=label=com.qemu.instance.uuid=b").out, "c1\n");
    EXPECT_EQ(sh(sb, "podman rm -f --time 0 c1").out, "c1\n");
    EXPECT_EQ(sb.running(), Lines{});
}

TEST(FakeEngineFault, GarbageBuildReadsItsContext) {
    // A writer of 1 MiB would die of SIGPIPE if the build left it unread.
    Sandbox sb(R"({"docker": {}, "fault": {"call": 1, "mode": "garbage", "stdout": "x\n"}})"_json);
    auto r = sh(sb, "{ head -c 1048576 /dev/zero; echo $? >&2; } | docker build -t x -");
    EXPECT_EQ(r.out, "x\n");
    EXPECT_EQ(r.err, "0\n"); // not 141: SIGPIPE
}

TEST(FakeEngineFault, ConcurrentCallsAreNumberedOnce) {
    Sandbox sb(R"({"docker": {}})"_json);
    auto r = sh(sb, "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do docker ps & done; wait");
    std::vector<int> numbers;
    for (const auto& call : r.calls)
        numbers.push_back(call.record["call"]);
    std::sort(numbers.begin(), numbers.end());
    EXPECT_EQ(numbers, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
}

} // namespace
} // namespace fake_engine
