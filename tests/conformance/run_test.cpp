// run: ENGINE run --rm --label com.qemu.instance.uuid=UUID [user] ARGS, and
// the removal of its own container when the engine fails.
#include "fixture.h"
#include "precondition.h"

namespace conformance {
namespace {

class Run : public EachEngine {};
QD_EACH_ENGINE(Run);

TEST_P(Run, LabelsTheContainerWithAFreshUuid) {
    auto r = run(config(R"({"run": {"stdout": "hello\n"}})"_json),
                 args({"run", "--net=none", "img", "echo", "hello"}));
    EXPECT_EQ(r.lines(), probed({run_line("--net=none img echo hello")}));
    EXPECT_EQ(r.out, "hello\n");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
    ASSERT_EQ(uuids.size(), 1u);
    EXPECT_TRUE(fake_engine::is_uuid4_hex(uuids[0])) << uuids[0];
}

TEST_P(Run, EachRunHasItsOwnUuid) {
    run(config(), args({"run", "img"}));
    ASSERT_EQ(uuids.size(), 1u);
    std::string first = uuids[0];
    auto r = run(config(), args({"run", "img"}));
    EXPECT_EQ(r.engine_lines(), Lines{engine(run_line("img"))});
    ASSERT_EQ(uuids.size(), 1u);
    EXPECT_NE(uuids[0], first);
}

TEST_P(Run, KeepChangesNothingOnSuccess) {
    auto r = run(config(), args({"run", "--keep", "img", "true"}));
    EXPECT_EQ(r.lines(), probed({run_line("img true")}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
}

// docs/security.md: every argument reaches the engine as one argv element,
// never through a shell.
TEST_P(Run, ShellMetacharactersReachTheEngineVerbatim) {
    std::string marker = (sandbox(config()).root() / "shell-ran").string();
    Args hostile = {"img",
                    "sh",
                    "-c",
                    "touch " + marker,
                    "; touch " + marker,
                    "$(touch " + marker + ")",
                    "`touch " + marker + "`",
                    "a b|c&&d>e"};
    Args command = {"run"};
    command.insert(command.end(), hostile.begin(), hostile.end());
    auto r = run(args(command));
    EXPECT_EQ(r.status, 0);
    ASSERT_FALSE(r.calls.empty());
    Args argv = r.calls.back().engine_argv();
    ASSERT_GE(argv.size(), hostile.size());
    Args tail(argv.end() - static_cast<long>(hostile.size()), argv.end());
    Args expected = hostile; // the recording names the sandbox root <tmp>
    for (auto& a : expected)
        if (auto at = a.find(marker); at != std::string::npos)
            a.replace(at, marker.size(), "<tmp>/shell-ran");
    EXPECT_EQ(tail, expected);
    EXPECT_FALSE(std::filesystem::exists(marker));
}

TEST_P(Run, AsCurrentUser) {
    auto r = run(config(), args({"run", "--run-as-current-user", "img", "id"}));
    EXPECT_EQ(r.lines(), probed({rootless_question(), run_line(user() + " img id")}));
}

TEST_P(Run, AbbreviatedOptions) {
    auto r = run(config(), args({"run", "--run", "--ke", "img"}));
    EXPECT_EQ(r.lines(), probed({rootless_question(), run_line(user() + " img")}));
}

TEST_P(Run, QuietAfterTheImageNameIsOurs) {
    auto r = run(config(R"({"run": {"stdout": "hi\n", "stderr": "warn\n"}})"_json),
                 args({"run", "img", "--quiet", "echo", "hi"}));
    EXPECT_EQ(r.lines(), probed({run_line("img echo hi")}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "warn\n");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Run, OptionsBeforeTheSubcommandGoAhead) {
    auto r = run(config(),
                 args({"--security-opt=seccomp=unconfined", "-ti", "run", "--net=none", "img"}));
    EXPECT_EQ(r.lines(),
              probed({run_line("--security-opt=seccomp=unconfined -ti --net=none img")}));
}

TEST_P(Run, UnknownOptionBeforeTheSubcommandTakesNoValue) {
    // As argparse: "run" is the subcommand, not the value of --security-opt.
    auto r = run(config(), args({"--security-opt", "run", "img"}));
    EXPECT_EQ(r.lines(), probed({run_line("--security-opt img")}));
}

TEST_P(Run, DoubleDashIsKept) {
    auto r = run(config(), args({"run", "--keep", "--", "img", "ls"}));
    EXPECT_EQ(r.lines(), probed({run_line("-- img ls")}));
}

TEST_P(Run, OurOptionsAfterDoubleDashPassThrough) {
    auto r = run(config(), args({"run", "--", "--keep", "img"}));
    EXPECT_EQ(r.lines(), probed({run_line("-- --keep img")}));
}

TEST_P(Run, QemuMakefileCommandLine) {
    auto r = run(config(),
                 args({"run", "--run-as-current-user", "--security-opt", "seccomp=unconfined",
                       "--rm", "-ti", "--net=none", "-e", "TARGET_LIST=x86_64-softmmu", "-e",
                       "EXTRA_CONFIGURE_OPTS=-a -b", "-e", "V=", "-v", "/cache:/var/tmp/ccache:z",
                       "qemu/debian", "/var/tmp/qemu/run", "test-quick"}));
    EXPECT_EQ(r.lines(),
              probed({rootless_question(),
                      run_line(user() + " --security-opt seccomp=unconfined --rm -ti --net=none "
                                        "-e TARGET_LIST=x86_64-softmmu "
                                        "-e 'EXTRA_CONFIGURE_OPTS=-a -b' -e V= "
                                        "-v /cache:/var/tmp/ccache:z qemu/debian "
                                        "/var/tmp/qemu/run test-quick")}));
}

TEST_P(Run, FailureExitsWithTheEngineStatusAndRemovesItsContainer) {
    // D2: the engine's own status (docker.py exits 1).
    auto r = run(config(R"({"run": {"exit": 3, "stderr": "Error: failed\n"},
                            "ps": {"stdout": "c7\n"}})"_json),
                 args({"run", "img", "false"}));
    EXPECT_EQ(r.lines(), probed({run_line("img false"),
                                 "ps -q --filter=label=com.qemu.instance.uuid=<uuid>", rm("c7")}));
    EXPECT_EQ(r.out, "filter=--filter=label=com.qemu.instance.uuid=<uuid>\n");
    EXPECT_EQ(r.err, "Error: failed\n");
    EXPECT_EQ(r.status, 3);
}

TEST_P(Run, FailureWithNothingLeftToRemove) {
    auto r = run(config(R"({"run": {"exit": 125}})"_json), args({"run", "--quiet", "img"}));
    EXPECT_EQ(r.lines(),
              probed({run_line("img"), "ps -q --filter=label=com.qemu.instance.uuid=<uuid>"}));
    EXPECT_EQ(r.out, "filter=--filter=label=com.qemu.instance.uuid=<uuid>\n");
    EXPECT_EQ(r.status, 125);
}

TEST_P(Run, FailureThenListingFailureIsAnError) {
    // D1: docker.py dies with a traceback; the engine's status is lost.
    auto r =
        run(config(R"({"run": {"exit": 3}, "ps": {"exit": 1, "stderr": "Error: gone\n"}})"_json),
            args({"run", "img"}));
    EXPECT_EQ(r.lines(),
              probed({run_line("img"), "ps -q --filter=label=com.qemu.instance.uuid=<uuid>"}));
    EXPECT_EQ(r.out, "filter=--filter=label=com.qemu.instance.uuid=<uuid>\n");
    EXPECT_EQ(r.err,
              "Error: gone\nqemu-docker: error: listing containers failed (exit status 1)\n");
    EXPECT_EQ(r.status, 1);
}

TEST_P(Run, FailureWithKeepRemovesNothing) {
    auto r = run(config(R"({"run": {"exit": 3}})"_json), args({"run", "--keep", "img"}));
    EXPECT_EQ(r.lines(), probed({run_line("img")}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.status, 3);
}

class RunAsUser : public QemuDocker {};

TEST_F(RunAsUser, RemotePodmanGetsNoKeepId) {
    // D5: a podman talking to a service (CONTAINER_HOST) is not rootless.
    auto r = run(R"({"podman": {}})"_json, {"run", "--run-as-current-user", "img"},
                 RunOptions::with_env("CONTAINER_HOST", "unix:///run/podman.sock"));
    EXPECT_EQ(r.engine_lines(),
              (Lines{"podman info --format '{{.Host.Security.Rootless}} {{.Host.Hostname}}'",
                     "podman " + run_line("-u " + std::to_string(::getuid()) + " img")}));
}

TEST_F(RunAsUser, RootPodmanGetsNoKeepId) {
    if (::geteuid() != 0)
        PRECONDITION_MISSING("needs root: D5 (no --userns=keep-id for rootful podman)");
    auto r = run(R"({"podman": {}})"_json, {"run", "--run-as-current-user", "img"});
    EXPECT_EQ(r.engine_lines(),
              (Lines{"podman info --format '{{.Host.Security.Rootless}} {{.Host.Hostname}}'",
                     "podman " + run_line("-u 0 img")}));
}

} // namespace
} // namespace conformance
