#include "qemu_docker/engine/warm_container.h"
#include "qemu_docker/util/error.h"

#include <gtest/gtest.h>

namespace {

using Args = std::vector<std::string>;

TEST(ReuseSeconds, OffWhenUnsetEmptyOrZero) {
    EXPECT_EQ(qd::reuse_seconds(nullptr), std::nullopt);
    EXPECT_EQ(qd::reuse_seconds(""), std::nullopt);
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
            300};
}

TEST(WarmKey, EachPartChangesTheName) {
    std::string name = qd::warm_container_name(qd::warm_key_hash(key()));
    EXPECT_EQ(name.size(), std::string("qemu-docker-cc-").size() + 16);
    std::vector<qd::WarmKey> others(6, key());
    others[0].engine_prefix = {"sudo", "-n", "docker"};
    others[1].image = "qemu/fedora";
    others[2].user = qd::RunAsUser{1000, true};
    others[3].user = std::nullopt;
    others[4].mounts.push_back("-v");
    others[5].seconds = 301;
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
    auto argv = qd::warm_run_argv(key(), "qemu-docker-cc-x", "U", "H", "sha256:aaa");
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
                          "sha256:aaa",
                          "sh",
                          "-c"}));
    EXPECT_EQ(argv.back(), qd::keep_alive_script(300));
}

TEST(WarmExec, MarksUseRecordsItsPidAndBecomesTheCompiler) {
    EXPECT_EQ(qd::warm_exec_argv("n", "U", "gcc", {"-c", "a b.c"}),
              (Args{"exec", "n", "sh", "-c",
                    "echo 2>/dev/null > /tmp/.qemu-docker-used; echo $$ 2>/dev/null > "
                    "/tmp/.qemu-docker-cc-U; exec \"$0\" \"$@\"",
                    "gcc", "-c", "a b.c"}));
    auto kill = qd::warm_kill_argv("n", "U", SIGINT);
    ASSERT_EQ(kill.size(), 5u);
    EXPECT_NE(kill[4].find("< /tmp/.qemu-docker-cc-U"), std::string::npos);
    EXPECT_NE(kill[4].find("kill -s INT"), std::string::npos);
}

} // namespace
