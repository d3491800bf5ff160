#include "qemu_docker/util/error.h"
#include "qemu_docker/warm/warm_container.h"

#include <gtest/gtest.h>

namespace {

using Args = std::vector<std::string>;

TEST(ReuseSeconds, OnByDefaultOffWhenZero) {
    EXPECT_EQ(qd::reuse_seconds(nullptr), qd::kDefaultReuseSeconds);
    EXPECT_EQ(qd::reuse_seconds(""), qd::kDefaultReuseSeconds);
    EXPECT_EQ(qd::kDefaultReuseSeconds, 60);
    EXPECT_EQ(qd::reuse_seconds("0"), std::nullopt);
    EXPECT_EQ(qd::reuse_seconds("300"), 300);
    EXPECT_EQ(qd::reuse_seconds("86400"), 86400);
}

TEST(ReuseSeconds, AnythingElseIsAnError) {
    for (const char* bad : {"-1", "abc", "1.5", " 5", "5s", "86401", "99999999999999999999"})
        EXPECT_THROW(qd::reuse_seconds(bad), qd::Error) << bad;
    try {
        qd::reuse_seconds("5\n");
    } catch (const qd::Error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "QEMU_DOCKER_REUSE=\"5\\n\": not a number of seconds from 0 to 86400");
    }
}

qd::WarmKey key() {
    return {{"docker"},
            "qemu/debian",
            qd::RunAsUser{1000, false},
            {"-w", "/src", "-v", "/src:/src:rw"},
            300,
            "probe-key",
            {"254:0:42:1796222950.568590015"},
            {},
            {}};
}

TEST(WarmKey, EachPartChangesTheName) {
    std::string name = qd::warm_container_name(qd::warm_key_hash(key()));
    EXPECT_EQ(name.size(), std::string("qemu-docker-cc-").size() + 16);
    std::vector<qd::WarmKey> others(10, key());
    others[0].engine_prefix = {"sudo", "-n", "docker"};
    others[1].image = "qemu/fedora";
    others[2].user = qd::RunAsUser{1000, true};
    others[3].user = std::nullopt;
    others[4].mounts.push_back("-v");
    others[5].seconds = 301;
    others[6].engine_identity = "another endpoint";
    others[7].mounted_identities = {"254:0:42:1796222950.888590112"}; // made again
    others[8].agent = "/usr/libexec/qemu-docker/qemu-docker-cc-agent";
    others[9].agent_identity = "254:0:77:1796222950.1"; // another agent there
    for (const auto& other : others)
        EXPECT_NE(qd::warm_container_name(qd::warm_key_hash(other)), name);
}

TEST(WarmInspect, ImageThenContainer) {
    auto argv = qd::warm_inspect_argv("qemu/debian", "qemu-docker-cc-x");
    EXPECT_EQ(argv, (Args{"inspect", "--format",
                          "{{.Id}}{{with .Config.Labels}} {{index . \"com.qemu.cc-image\"}}{{end}}",
                          "qemu/debian", "qemu-docker-cc-x"}));
    auto both = qd::parse_warm_inspect("sha256:aaa \nccc sha256:aaa\n");
    EXPECT_EQ(both.image_id, "sha256:aaa");
    EXPECT_EQ(both.container_image, "sha256:aaa");
    auto no_labels = qd::parse_warm_inspect("aaa\n");
    EXPECT_EQ(no_labels.image_id, "aaa");
    EXPECT_EQ(no_labels.container_image, std::nullopt);
    EXPECT_EQ(qd::parse_warm_inspect("").image_id, "");
}

TEST(WarmRun, DetachedLabelledAsCcRunsIt) {
    auto argv = qd::warm_run_argv(key(), "qemu-docker-cc-x", "U", "H", "sha256:aaa", "/m/cc-H");
    Args head(argv.begin(), argv.end() - 1);
    EXPECT_EQ(head, (Args{"run",
                          "--rm",
                          "--label",
                          "com.qemu.instance.uuid=U",
                          "-u",
                          "1000",
                          "-d",
                          "--name",
                          "qemu-docker-cc-x",
                          "--label",
                          "com.qemu.cc-reuse=H",
                          "--label",
                          "com.qemu.cc-image=sha256:aaa",
                          "-w",
                          "/src",
                          "-v",
                          "/src:/src:rw",
                          "-v",
                          "/m/cc-H:/run/qemu-docker-cc:rw",
                          "sha256:aaa",
                          "sh",
                          "-c"}));
    EXPECT_EQ(argv.back(), qd::keep_alive_script(300));
}

// With the agent: its entry point, read-only, listening in the per-key
// directory, ending after the key's seconds, knowing its image's id; no
// shell needed in the image.
TEST(WarmRun, TheAgentAsTheFirstProcess) {
    qd::WarmKey with_agent = key();
    with_agent.agent = "/usr/libexec/qemu-docker/qemu-docker-cc-agent";
    auto argv =
        qd::warm_run_argv(with_agent, "qemu-docker-cc-x", "U", "H", "sha256:aaa", "/m/cc-H");
    Args tail(argv.end() - 13, argv.end());
    EXPECT_EQ(tail,
              (Args{"-v", "/m/cc-H:/run/qemu-docker-cc:rw", "-v",
                    "/usr/libexec/qemu-docker/qemu-docker-cc-agent:/run/qemu-docker-cc-agent:ro",
                    "--entrypoint", "/run/qemu-docker-cc-agent", "sha256:aaa", "--socket",
                    "/run/qemu-docker-cc/agent.sock", "--idle", "300", "--image", "sha256:aaa"}));
}

TEST(WarmExec, RegistersMarksAndBecomesTheCompiler) {
    EXPECT_EQ(qd::warm_exec_argv("n", "U", "gcc", {"-c", "a b.c"}),
              (Args{"exec", "n", "sh", "-c",
                    "mkdir /tmp/.qemu-docker-cc-open/$$ 2>/dev/null || exit 125\n"
                    "echo $$ 2>/dev/null > /run/qemu-docker-cc/U || exit 125\n"
                    "[ -e /run/qemu-docker-cc/U.cancel ] && exit 125\n"
                    "case $0 in\n"
                    "  */*) [ -f \"$0\" ] && [ -x \"$0\" ] ;;\n"
                    "  *) command -v \"$0\" >/dev/null 2>&1 ;;\n"
                    "esac || { echo missing 2>/dev/null > /run/qemu-docker-cc/U; exit 127; }\n"
                    "exec \"$0\" \"$@\"\n",
                    "gcc", "-c", "a b.c"}));
    auto kill = qd::warm_kill_argv("n", "U", SIGINT);
    ASSERT_EQ(kill.size(), 5u);
    EXPECT_NE(kill[4].find("< /run/qemu-docker-cc/U"), std::string::npos);
    EXPECT_NE(kill[4].find("kill -s INT"), std::string::npos);
}

TEST(CompileMarker, PidStartedMissingOrNothing) {
    EXPECT_EQ(qd::read_compile_marker(std::nullopt), qd::CompileMarker::NotStarted);
    EXPECT_EQ(qd::read_compile_marker(""), qd::CompileMarker::NotStarted);
    EXPECT_EQ(qd::read_compile_marker("4242\n"), qd::CompileMarker::Started);
    EXPECT_EQ(qd::read_compile_marker("missing\n"), qd::CompileMarker::CompilerMissing);
    EXPECT_EQ(qd::warm_state_argv("n"), (Args{"inspect", "--format", "{{.State.Status}}", "n"}));
}

TEST(SaysNoShell, TheEnginesWordsForAMissingSh) {
    EXPECT_TRUE(qd::says_no_shell(
        "docker: Error response from daemon: failed to create shim task: OCI runtime create "
        "failed: runc create failed: unable to start container process: exec: \"sh\": "
        "executable file not found in $PATH: unknown.\n"));
    EXPECT_TRUE(
        qd::says_no_shell("Error: runc: runc create failed: unable to start container "
                          "process: exec: \"sh\": executable file not found in $PATH: "
                          "OCI runtime attempted to invoke a command that was not found\n"));
    EXPECT_TRUE(qd::says_no_shell("Error: crun: executable file `sh` not found in $PATH: No such "
                                  "file or directory: OCI runtime attempted to invoke a command "
                                  "that was not found\n"));
    EXPECT_FALSE(qd::says_no_shell("Error: netavark: No such file or directory\n"));
    EXPECT_FALSE(qd::says_no_shell("Cannot connect to the Docker daemon\n"));
}

TEST(KeepAlive, EndsOnlyByRemovingAnEmptyRegistry) {
    std::string script = qd::keep_alive_script(60);
    EXPECT_NE(script.find("mkdir -p /tmp/.qemu-docker-cc-open || exit 1\n"), std::string::npos);
    EXPECT_NE(script.find("[ \"$n\" -ge 60 ]"), std::string::npos);
    EXPECT_NE(script.find("rmdir /tmp/.qemu-docker-cc-open 2>/dev/null && exit 0"),
              std::string::npos);
    EXPECT_EQ(script.find("$#"), std::string::npos); // nothing about PID 1
}

} // namespace

namespace {

TEST(PodmanShortcut, ReadsBackWhatWasWritten) {
    qd::PodmanShortcut s{
        {"/var/lib/containers/storage/overlay-images/images.json", 1, 2, 3, 4}, 4242, 987654321};
    auto read = qd::read_shortcut_record(qd::shortcut_record(s));
    ASSERT_TRUE(read);
    EXPECT_EQ(read->images_file, s.images_file);
    EXPECT_EQ(read->pid, 4242);
    EXPECT_EQ(read->pid_start, 987654321u);
}

TEST(PodmanShortcut, CorruptIsNone) {
    std::string good = qd::shortcut_record({{"/x", 1, 2, 3, 4}, 4242, 5});
    for (std::size_t cut = 0; cut + 1 < good.size(); cut += 5)
        EXPECT_FALSE(qd::read_shortcut_record(good.substr(0, cut))) << cut;
    for (const char* bad : {"{}", "[]", R"({"images_file":["/x",1,2,3],"pid":5,"pid_start":1})",
                            R"({"images_file":["/x",1,2,3,4],"pid":1,"pid_start":1})",
                            R"({"images_file":["/x",1,2,3,4],"pid":"5","pid_start":1})"})
        EXPECT_FALSE(qd::read_shortcut_record(bad)) << bad;
}

TEST(ProcessStartTime, Field22AfterTheName) {
    std::string stat = "4242 (a (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 "
                       "987654321 2000000 100 18446744073709551615";
    EXPECT_EQ(qd::process_start_time(stat), 987654321u);
    EXPECT_EQ(qd::process_start_time("4242 (sh) S 1 2"), std::nullopt);
    EXPECT_EQ(qd::process_start_time("garbage"), std::nullopt);
}

} // namespace
