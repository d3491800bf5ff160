// SIGINT, SIGTERM and SIGHUP during each step of `build` and during every
// other command (run --keep included): the running child gets the signal,
// no later step starts, the build context is removed, and qemu-docker exits
// 128+N (D4 and "Smaller differences" in docs/compatibility.md).  `run` and
// `cc` without --keep remove their container instead: signals_test.cpp.
#include "fixture.h"

#include <csignal>
#include <filesystem>
#include <thread>

namespace conformance {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A stand-in command that waits until a signal ends it.
const json kWaits = R"({"wait": true, "interruptible": true})"_json;

class Interrupt : public QemuDocker, public testing::WithParamInterface<int> {
  protected:
    std::string signal_name() const { return std::string("SIG") + sigabbrev_np(GetParam()); }
    std::string interrupted() const {
        return "qemu-docker: error: interrupted by " + signal_name() + "\n";
    }
    // Starts ARGS, sends the signal once a stand-in command waits, and
    // waits for qemu-docker.
    Outcome interrupt(const json& config, const Args& args) {
        auto child = start(config, args);
        EXPECT_TRUE(sandbox().wait_running(1));
        child->signal(GetParam());
        return finish(*child);
    }
    // The same, once the script that records_signals() wrote has started.
    Outcome interrupt_script(const Args& args) {
        auto child = start(json::object(), args);
        for (int i = 0; i < 1000 && !fs::exists(sandbox().root() / "script-started"); ++i)
            std::this_thread::sleep_for(10ms);
        child->signal(GetParam());
        return finish(*child);
    }
    // An executable script at ROOT/PATH that records each of the signals
    // as "NAME SIGNAME" where the stand-in records its own, then exits 128+N.
    void recording_script(const std::string& path, const std::string& name) {
        std::string record = ">> \"$FAKE_ENGINE_STATE/signals\"; exit";
        auto file = sandbox().write(path, "#!/bin/sh\n"
                                          "trap 'echo \"" +
                                              name + " SIGINT\" " + record +
                                              " 130' INT\n"
                                              "trap 'echo \"" +
                                              name + " SIGTERM\" " + record +
                                              " 143' TERM\n"
                                              "trap 'echo \"" +
                                              name + " SIGHUP\" " + record +
                                              " 129' HUP\n"
                                              "touch '" +
                                              (sandbox().root() / "script-started").string() +
                                              "'\n"
                                              "while :; do sleep 0.05; done\n");
        fs::permissions(file, fs::perms::owner_all);
    }
    // What every interrupted command shows.
    void expect_interrupted(const Outcome& r, const std::string& command) {
        EXPECT_FALSE(r.timed_out);
        EXPECT_EQ(sandbox().signals(), Lines{command + " " + signal_name()});
        EXPECT_EQ(r.err, interrupted());
        EXPECT_EQ(r.status, 128 + GetParam());
        EXPECT_TRUE(tmpdir_empty(sandbox()));
    }
    Args build_base(const Args& more = {}) {
        write_dockerfiles(sandbox());
        Args a = {"build", "-t", "qemu/base", "-f", dockerfile("base")};
        a.insert(a.end(), more.begin(), more.end());
        return a;
    }
};

INSTANTIATE_TEST_SUITE_P(Signals, Interrupt, testing::Values(SIGINT, SIGTERM, SIGHUP),
                         [](const auto& info) { return sigabbrev_np(info.param); });

// ---- build: each step ----

TEST_P(Interrupt, BuildDuringTheRegistryPull) {
    sandbox({{"podman", {{"pull", kWaits}}}});
    write_dockerfiles(sandbox());
    auto r = interrupt({}, {"build", "-t", "qemu/child", "-f", dockerfile("child"), "-r", "reg"});
    EXPECT_EQ(r.lines(),
              (Lines{"podman version", "podman inspect qemu/child", "podman pull reg/qemu/base"}));
    expect_interrupted(r, "pull");
}

TEST_P(Interrupt, BuildDuringInspect) {
    sandbox({{"podman", {{"inspect", kWaits}}}});
    auto r = interrupt({}, build_base());
    EXPECT_EQ(r.lines(), (Lines{"podman version", "podman inspect qemu/base"}));
    expect_interrupted(r, "inspect");
}

TEST_P(Interrupt, BuildDuringLdd) {
    sandbox(R"({"podman": {}})"_json);
    recording_script("bin/ldd", "ldd");
    auto exe = sandbox().write("exe/qemu-test", "");
    auto r = interrupt_script(build_base({"--skip-binfmt", "-e", exe.string()}));
    EXPECT_EQ(r.lines(), Lines{"podman version"});
    expect_interrupted(r, "ldd");
}

TEST_P(Interrupt, BuildDuringThePreScript) {
    sandbox(R"({"podman": {}})"_json);
    recording_script("dockerfiles/base.pre", "pre");
    auto r = interrupt_script(build_base());
    EXPECT_EQ(r.lines(), (Lines{"podman version", "podman inspect qemu/base"}));
    expect_interrupted(r, "pre");
}

TEST_P(Interrupt, BuildDuringBuildxVersion) {
    std::string version = "Client: Docker Engine - Community\n Version:           28.0.1\n";
    sandbox({{"docker", {{"version", {{"stdout", version}}}, {"buildx", kWaits}}}});
    auto r = interrupt({}, build_base());
    EXPECT_EQ(r.lines(),
              (Lines{"docker version", "docker inspect qemu/base", "docker buildx version"}));
    expect_interrupted(r, "buildx");
}

TEST_P(Interrupt, BuildDuringTheEngineBuild) {
    sandbox({{"podman", {{"build", kWaits}}}});
    auto r = interrupt({}, build_base());
    EXPECT_EQ(r.lines(), (Lines{"podman version", "podman inspect qemu/base",
                                "podman build -t qemu/base -f <context>/<dockerfile> <context>"}));
    expect_interrupted(r, "build");
}

// ---- the other commands ----

TEST_P(Interrupt, Images) {
    auto r = interrupt({{"podman", {{"images", kWaits}}}}, {"images"});
    EXPECT_EQ(r.lines(), (Lines{"podman version", "podman images"}));
    EXPECT_EQ(r.out, "");
    expect_interrupted(r, "images");
}

TEST_P(Interrupt, FetchDuringThePull) {
    auto r = interrupt({{"podman", {{"pull", kWaits}}}}, {"fetch", "qemu/x", "reg"});
    EXPECT_EQ(r.lines(), (Lines{"podman version", "podman pull reg/qemu/x"}));
    expect_interrupted(r, "pull");
}

TEST_P(Interrupt, CleanDuringTheListing) {
    auto r = interrupt({{"podman", {{"ps", kWaits}}}}, {"clean"});
    EXPECT_EQ(r.lines(),
              (Lines{"podman version", "podman ps -q -a --filter=label=com.qemu.instance.uuid"}));
    EXPECT_EQ(r.out, "filter=--filter=label=com.qemu.instance.uuid\n");
    expect_interrupted(r, "ps");
}

TEST_P(Interrupt, UpdateDuringTheBuild) {
    auto r = interrupt({{"podman", {{"build", kWaits}}}}, {"update", "qemu/x"});
    EXPECT_EQ(r.lines(), (Lines{"podman version", "podman build -t qemu/x -"}));
    expect_interrupted(r, "build");
}

TEST_P(Interrupt, CheckDuringInspect) {
    auto r = interrupt({{"podman", {{"inspect", kWaits}}}}, {"check", "qemu/x"});
    EXPECT_EQ(r.lines(), (Lines{"podman version", "podman inspect qemu/x"}));
    EXPECT_EQ(r.out, "");
    expect_interrupted(r, "inspect");
}

TEST_P(Interrupt, ProbeDuringVersion) {
    auto r = interrupt({{"podman", {{"version", kWaits}}}}, {"probe"});
    EXPECT_EQ(r.lines(), Lines{"podman version"});
    EXPECT_EQ(r.out, "");
    expect_interrupted(r, "version");
}

// --keep: nothing to remove; the engine client gets the signal (and passes
// it to its container) and qemu-docker waits for it.
TEST_P(Interrupt, RunKeep) {
    auto r = interrupt({{"podman", {{"run", kWaits}}}}, {"run", "--keep", "img", "sleep"});
    EXPECT_EQ(r.lines(), (Lines{"podman version", "podman " + run_line("img sleep")}));
    EXPECT_EQ(r.out, "");
    expect_interrupted(r, "run");
    EXPECT_EQ(sandbox().running(), Lines{});
}

} // namespace
} // namespace conformance
