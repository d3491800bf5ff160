#include "qemu_docker/engine/process.h"
#include "qemu_docker/util/trace.h"

#include <gtest/gtest.h>

TEST(Trace, PlainWordsStayAsTheyAre) {
    EXPECT_EQ(qd::shell_quoted("inspect"), "inspect");
    EXPECT_EQ(qd::shell_quoted("--label=com.qemu.instance.uuid=ab12"),
              "--label=com.qemu.instance.uuid=ab12");
    EXPECT_EQ(qd::shell_quoted("/a/b:/c@x%y+z,w_v"), "/a/b:/c@x%y+z,w_v");
}

TEST(Trace, OtherWordsAreSingleQuoted) {
    EXPECT_EQ(qd::shell_quoted(""), "''");
    EXPECT_EQ(qd::shell_quoted("a b"), "'a b'");
    EXPECT_EQ(qd::shell_quoted("$HOME;`x`"), "'$HOME;`x`'");
    EXPECT_EQ(qd::shell_quoted("it's"), "'it'\"'\"'s'");
    EXPECT_EQ(qd::shell_quoted("{{.Id}}"), "'{{.Id}}'");
    EXPECT_EQ(qd::shell_quoted("a\nb"), "'a\nb'");
}

TEST(Trace, CommandLineWithEnvironment) {
    EXPECT_EQ(qd::shell_command_line({{"DOCKER_BUILDKIT", "1"}, {"X", "a b"}},
                                     {"docker", "build", "-t", "qemu/x y"}),
              "DOCKER_BUILDKIT=1 X='a b' docker build -t 'qemu/x y'");
    EXPECT_EQ(qd::shell_command_line({}, {"podman", "version"}), "podman version");
}

TEST(Trace, Outcome) {
    qd::ProcessResult result;
    result.spawn_error = "No such file or directory";
    EXPECT_EQ(qd::outcome_text(result), "cannot start: No such file or directory");
    result.started = true;
    result.exit_code = 3;
    EXPECT_EQ(qd::outcome_text(result), "exit 3");
    result.signal = 9;
    EXPECT_EQ(qd::outcome_text(result), "signal 9");
}
