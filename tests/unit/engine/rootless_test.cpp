#include "qemu_docker/engine/rootless.h"

#include <gtest/gtest.h>

using qd::parse_rootless_answer;
using qd::rootless_query_argv;

TEST(Rootless, Questions) {
    EXPECT_EQ(rootless_query_argv(true),
              (std::vector<std::string>{"info", "--format", "{{.Host.Security.Rootless}}"}));
    EXPECT_EQ(rootless_query_argv(false),
              (std::vector<std::string>{"info", "--format", "{{json .SecurityOptions}}"}));
}

TEST(Rootless, PodmanAnswers) {
    EXPECT_EQ(parse_rootless_answer(true, "true\n"), true);
    EXPECT_EQ(parse_rootless_answer(true, "false\n"), false);
    EXPECT_EQ(parse_rootless_answer(true, ""), std::nullopt);
    EXPECT_EQ(parse_rootless_answer(true, "<no value>\n"), std::nullopt);
    EXPECT_EQ(parse_rootless_answer(true, "true\nfalse\n"), std::nullopt);
}

TEST(Rootless, DockerAnswers) {
    EXPECT_EQ(parse_rootless_answer(false, R"(["name=seccomp,profile=builtin","name=rootless"])"
                                           "\n"),
              true);
    EXPECT_EQ(parse_rootless_answer(false, R"(["name=seccomp,profile=builtin","name=cgroupns"])"),
              false);
    EXPECT_EQ(parse_rootless_answer(false, "null\n"), false);
    EXPECT_EQ(parse_rootless_answer(false, "[]"), false);
    EXPECT_EQ(parse_rootless_answer(false, R"(["name=rootlessness"])"), false);
    EXPECT_EQ(parse_rootless_answer(false, ""), std::nullopt);
    EXPECT_EQ(parse_rootless_answer(false, "[1]"), std::nullopt);
    EXPECT_EQ(parse_rootless_answer(false, "{}"), std::nullopt);
    EXPECT_EQ(parse_rootless_answer(false, "true"), std::nullopt);
}
