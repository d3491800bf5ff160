#include "qemu_docker/engine/engine_argv.h"

#include <gtest/gtest.h>

using Args = std::vector<std::string>;

TEST(EngineArgv, RunWithoutUser) {
    EXPECT_EQ(qd::run_argv("abc", std::nullopt, {"img", "ls"}),
              (Args{"run", "--rm", "--label", "com.qemu.instance.uuid=abc", "img", "ls"}));
}

TEST(EngineArgv, RunAsUserWithKeepId) {
    EXPECT_EQ(qd::run_argv("abc", qd::RunAsUser{1000, true}, {"img"}),
              (Args{"run", "--rm", "--label", "com.qemu.instance.uuid=abc", "--userns=keep-id",
                    "-u", "1000", "img"}));
}

TEST(EngineArgv, RunAsUserWithoutKeepId) {
    EXPECT_EQ(qd::run_argv("abc", qd::RunAsUser{0, false}, {}),
              (Args{"run", "--rm", "--label", "com.qemu.instance.uuid=abc", "-u", "0"}));
}

TEST(EngineArgv, CcDropsOneLeadingDoubleDash) {
    EXPECT_EQ(qd::cc_run_args("/w", {"/a", "/b"}, "qemu/x", "gcc", {"--", "--", "-c", "x.c"}),
              (Args{"-w", "/w", "-v", "/w:/w:rw", "-v", "/a:/a:ro,z", "-v", "/b:/b:ro,z", "qemu/x",
                    "gcc", "--", "-c", "x.c"}));
}

TEST(EngineArgv, Filters) {
    EXPECT_EQ(qd::instance_filter(std::nullopt), "--filter=label=com.qemu.instance.uuid");
    EXPECT_EQ(qd::instance_filter("u1"), "--filter=label=com.qemu.instance.uuid=u1");
    EXPECT_EQ(qd::ps_argv("F", true), (Args{"ps", "-q", "-a", "F"}));
    EXPECT_EQ(qd::ps_argv("F", false), (Args{"ps", "-q", "F"}));
}

TEST(EngineArgv, PodmanRootless) {
    EXPECT_FALSE(qd::podman_is_rootless(0, nullptr));
    EXPECT_TRUE(qd::podman_is_rootless(1000, nullptr));
    EXPECT_TRUE(qd::podman_is_rootless(1000, ""));
    EXPECT_FALSE(qd::podman_is_rootless(1000, "unix:///run/podman.sock"));
}

TEST(EngineArgv, RemoveKillsAtOnce) {
    EXPECT_EQ(qd::rm_argv("c1", false), (Args{"rm", "-f", "c1"}));
    EXPECT_EQ(qd::rm_argv("c1", true), (Args{"rm", "-f", "--time", "0", "c1"}));
}
