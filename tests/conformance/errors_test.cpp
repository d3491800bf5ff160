// Errors: no engine (one line, exit 1) and usage errors (usage line, exit 2),
// with no engine call made.
#include "fixture.h"

#include <regex>

namespace conformance {
namespace {

class NoEngine : public QemuDocker {};

const Args kNeedAnEngine[] = {{"run", "img"},
                              {"cc", "-i", "img", "x.c"},
                              {"images"},
                              {"clean"},
                              {"fetch", "t", "reg"},
                              {"images", "-a"},
                              {"build", "-t", "t", "-f", "../dockerfiles/base.docker"},
                              {"check", "t", "../dockerfiles/base.docker"},
                              {"update", "t"}};

TEST_F(NoEngine, NoneInstalled) {
    write_dockerfiles(sandbox(json::object()));
    for (const auto& args : kNeedAnEngine) {
        auto r = run(args);
        EXPECT_EQ(r.err, "qemu-docker: error: cannot find a working container engine; tried: "
                         "podman, docker, sudo -n docker\n")
            << testing::PrintToString(args);
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(r.status, 1);
        EXPECT_EQ(r.lines(), Lines{});
    }
}

TEST_F(NoEngine, NoneWorking) {
    auto r = run(R"({"podman": {"version": {"exit": 125, "stderr": "podman broken\n"}},
                     "docker": {"version": {"exit": 1, "stdout": "Client: 28\n"}},
                     "sudo": {"version": {"exit": 1}}})"_json,
                 {"run", "img"});
    EXPECT_EQ(r.lines(), (Lines{"podman version", "docker version", "sudo -n docker version"}));
    EXPECT_EQ(r.err, "qemu-docker: error: cannot find a working container engine; tried: "
                     "podman, docker, sudo -n docker\n");
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.status, 1);
}

TEST_F(NoEngine, EnginePodmanNamesOnlyPodman) {
    auto r = run(R"({"docker": {}})"_json, {"--engine", "podman", "images"});
    EXPECT_EQ(r.err, "qemu-docker: error: cannot find a working container engine; tried: podman\n");
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.lines(), Lines{});
}

TEST_F(NoEngine, EngineDockerNamesDockerAndSudo) {
    auto r = run(R"({"podman": {}})"_json, {"--engine", "docker", "images"});
    EXPECT_EQ(r.err, "qemu-docker: error: cannot find a working container engine; tried: "
                     "docker, sudo -n docker\n");
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.lines(), Lines{});
}

TEST_F(NoEngine, SudoNeedingAPassword) {
    auto r = run(R"({"docker": {"version": {"exit": 1}},
                     "sudo": {"version": {"exit": 1, "stderr": "sudo: a password is required\n"}}})"_json,
                 {"--engine", "docker", "clean"});
    EXPECT_EQ(r.lines(), (Lines{"docker version", "sudo -n docker version"}));
    EXPECT_EQ(r.err, "qemu-docker: error: cannot find a working container engine; tried: "
                     "docker, sudo -n docker\n");
    EXPECT_EQ(r.status, 1);
}

// A usage error: the usage line, one error line naming the culprit, exit 2,
// nothing run.
class Usage : public QemuDocker {
  protected:
    void expect_usage_error(const Args& args, const std::string& error) {
        auto r = run(R"({"podman": {}})"_json, args);
        EXPECT_EQ(r.err_lines(), (Lines{kUsage, "qemu-docker: error: " + error}))
            << testing::PrintToString(args);
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(r.status, 2);
        EXPECT_EQ(r.lines(), Lines{});
    }
};

TEST_F(Usage, NoSubcommand) {
    expect_usage_error({}, "a subcommand is required");
    expect_usage_error({"--engine", "podman"}, "a subcommand is required");
}

TEST_F(Usage, UnknownSubcommand) {
    std::string choices =
        " (choose from 'run', 'build', 'fetch', 'update', 'clean', 'images', 'probe', 'cc', "
        "'check', 'doctor')";
    expect_usage_error({"bogus"}, "argument subcommand: invalid choice: 'bogus'" + choices);
    expect_usage_error({"--foo", "val", "images"},
                       "argument subcommand: invalid choice: 'val'" + choices);
    expect_usage_error({"--", "images"}, "argument subcommand: invalid choice: '--'" + choices);
    expect_usage_error({"", "images"}, "argument subcommand: invalid choice: ''" + choices);
}

TEST_F(Usage, BadEngine) {
    expect_usage_error({"--engine", "foo", "probe"}, "--engine: foo not in {auto,docker,podman}");
    expect_usage_error({"--eng", "pod", "probe"}, "--engine: pod not in {auto,docker,podman}");
    expect_usage_error({"--engine", "--foo", "probe"}, "argument --engine: expected one argument");
}

TEST_F(Usage, MissingRequired) {
    expect_usage_error({"cc", "-s", "a", "x.c"}, "--image is required");
    expect_usage_error({"fetch", "TAG"}, "the following arguments are required: registry");
    expect_usage_error({"fetch"}, "the following arguments are required: tag, registry");
}

TEST_F(Usage, CheckTypeNotAChoice) {
    expect_usage_error({"check", "qemu/base", "--checktype", "foo"},
                       "--checktype: foo not in {checksum,age}");
}

TEST_F(Usage, FlagWithAValue) {
    expect_usage_error({"run", "--keep=1", "img"},
                       "argument --keep: ignored explicit argument '1'");
}

TEST_F(Usage, OptionWithoutItsValue) {
    expect_usage_error({"cc", "-i", "img", "--cc"}, "argument --cc: expected one argument");
    expect_usage_error({"cc", "-i", "img", "-s", "a", "--cc"},
                       "argument --cc: expected one argument");
}

TEST_F(Usage, OptionWithoutItsValueIsNamedAsDeclared) {
    // argparse names an option by its strings in the order declared: the
    // long name first for every option docker.py has.
    expect_usage_error({"cc", "-i"}, "argument --image/-i: expected one argument");
    expect_usage_error({"cc", "--image"}, "argument --image/-i: expected one argument");
}

// D8: an image name with a control character (in update's FROM line, or in
// a FROM line --registry rewrites, a newline would add instructions) is
// refused by every subcommand that takes one: one line, the name escaped,
// exit 1, nothing run.
class ControlCharacter : public QemuDocker {};

TEST_F(ControlCharacter, RefusedBeforeAnythingRuns) {
    write_dockerfiles(sandbox(R"({"podman": {}})"_json));
    const struct {
        Args args;
        std::string error;
    } cases[] = {
        {{"build", "-t", "qemu/x\nRUN id", "-f", "../dockerfiles/base.docker"},
         R"(tag "qemu/x\nRUN id")"},
        {{"build", "-t", "qemu/child", "-f", "../dockerfiles/child.docker", "--registry",
          "reg\nRUN id #"},
         R"(registry "reg\nRUN id #")"},
        {{"update", "qemu/x\nRUN id"}, R"(tag "qemu/x\nRUN id")"},
        {{"fetch", "qemu/x\x1b[1m", "reg"}, R"(tag "qemu/x\x1b[1m")"},
        {{"fetch", "qemu/x", "reg\r"}, R"(registry "reg\r")"},
        {{"check", "qemu/x\t", "../dockerfiles/base.docker"}, R"(tag "qemu/x\t")"},
        {{"check", "--checktype=age", "qemu/x\u0085"}, R"(tag "qemu/x\x85")"},
        {{"cc", "-i", "img\x7f", "x.c"}, R"(image "img\x7f")"},
    };
    for (const auto& c : cases) {
        auto r = run(c.args);
        EXPECT_EQ(r.err, "qemu-docker: error: " + c.error + " contains a control character\n");
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(r.status, 1);
        EXPECT_EQ(r.lines(), Lines{}) << testing::PrintToString(c.args);
    }
}

// --help: what qemu-docker can do, on stdout, exit 0, no engine looked for.
class Help : public QemuDocker {};

TEST_F(Help, ListsEverySubcommand) {
    for (Args form : {Args{"--help"}, Args{"-h"}, Args{"--engine", "docker", "--help"}}) {
        auto r = run(R"({"podman": {}, "docker": {}})"_json, form);
        EXPECT_TRUE(r.out.starts_with("A container helper for QEMU's builds and tests\n")) << r.out;
        for (const char* sub :
             {"run", "build", "fetch", "update", "clean", "images", "probe", "cc", "check"})
            EXPECT_NE(r.out.find("\n  " + std::string(sub) + " "), std::string::npos) << sub;
        EXPECT_EQ(r.err, "");
        EXPECT_EQ(r.status, 0);
        EXPECT_EQ(r.lines(), Lines{}) << testing::PrintToString(form);
    }
}

TEST_F(Help, ListsTheEnvironment) {
    auto r = run(R"({"podman": {}})"_json, {"--help"});
    for (const char* name : {"QEMU_DOCKER_REUSE", "QEMU_DOCKER_TRACE", "QEMU_DOCKER_PROBE_CACHE",
                             "DOCKER_HOST", "CONTAINER_HOST", "TMPDIR", "http_proxy"})
        EXPECT_NE(r.out.find(name), std::string::npos) << name;
}

// --version: the version and the git checkout, exit 0, no engine.
TEST_F(Help, Version) {
    static const std::regex version(R"(qemu-docker \d+\.\d+\.\d+( \(git [0-9a-z.-]+\))?\n)");
    for (Args form : {Args{"--version"}, Args{"--engine", "docker", "--version", "images"}}) {
        auto r = run(R"({"podman": {}})"_json, form);
        EXPECT_TRUE(std::regex_match(r.out, version)) << r.out;
        EXPECT_EQ(r.err, "");
        EXPECT_EQ(r.status, 0);
        EXPECT_EQ(r.lines(), Lines{});
    }
}

// As argparse: a subcommand's help comes before its missing positionals.
TEST_F(Help, SubcommandHelpNeedsNoPositionals) {
    for (Args form : {Args{"check", "--help"}, Args{"update", "-h"}, Args{"fetch", "x", "--help"},
                      Args{"cc", "--help"}}) {
        auto r = run(R"({"podman": {}})"_json, form);
        EXPECT_TRUE(r.out.find("Usage: qemu-docker " + form.front()) != std::string::npos) << r.out;
        EXPECT_EQ(r.err, "");
        EXPECT_EQ(r.status, 0);
        EXPECT_EQ(r.lines(), Lines{}) << testing::PrintToString(form);
    }
}

} // namespace
} // namespace conformance
