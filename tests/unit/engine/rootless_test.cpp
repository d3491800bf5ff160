#include "qemu_docker/engine/rootless.h"

#include <gtest/gtest.h>

using qd::parse_rootless_answer;
using qd::rootless_query_argv;

namespace {

// "rootless@host", or "none" for no answer.
std::string seen(bool podman, std::string_view output) {
    auto answer = parse_rootless_answer(podman, output);
    if (!answer)
        return "none";
    return std::string(answer->rootless ? "rootless" : "rootful") + "@" + answer->name;
}

} // namespace

TEST(Rootless, Questions) {
    EXPECT_EQ(rootless_query_argv(true),
              (std::vector<std::string>{"info", "--format",
                                        "{{.Host.Security.Rootless}} {{.Host.Hostname}}"}));
    EXPECT_EQ(
        rootless_query_argv(false),
        (std::vector<std::string>{"info", "--format", "{{json .SecurityOptions}} {{.Name}}"}));
}

TEST(Rootless, PodmanAnswers) {
    EXPECT_EQ(seen(true, "true build1\n"), "rootless@build1");
    EXPECT_EQ(seen(true, "false server.example.org\n"), "rootful@server.example.org");
    EXPECT_EQ(seen(true, "true\n"), "rootless@");
    EXPECT_EQ(seen(true, ""), "none");
    EXPECT_EQ(seen(true, "<no value>\n"), "none");
    EXPECT_EQ(seen(true, "yes host\n"), "none");
    EXPECT_EQ(seen(true, "true a b\n"), "none");
}

TEST(Rootless, DockerAnswers) {
    EXPECT_EQ(seen(false, R"(["name=seccomp,profile=builtin","name=rootless"] laptop)"
                          "\n"),
              "rootless@laptop");
    EXPECT_EQ(seen(false, R"(["name=seccomp,profile=builtin","name=cgroupns"] ci-7)"),
              "rootful@ci-7");
    EXPECT_EQ(seen(false, R"(["name=seccomp,profile=builtin"])"), "rootful@");
    EXPECT_EQ(seen(false, "null host\n"), "rootful@host");
    EXPECT_EQ(seen(false, "[] host"), "rootful@host");
    EXPECT_EQ(seen(false, R"(["name=rootlessness"] h)"), "rootful@h");
    EXPECT_EQ(seen(false, ""), "none");
    EXPECT_EQ(seen(false, "[1] h"), "none");
    EXPECT_EQ(seen(false, "{} h"), "none");
    EXPECT_EQ(seen(false, "true"), "none");
}

TEST(Rootless, Elsewhere) {
    EXPECT_TRUE(qd::runs_elsewhere("server", "laptop"));
    EXPECT_FALSE(qd::runs_elsewhere("laptop", "laptop"));
    EXPECT_FALSE(qd::runs_elsewhere("", "laptop"));
    EXPECT_FALSE(qd::runs_elsewhere("server", ""));
}
