// The interfaces of upstream's pending docker.py work: a global --command
// "ARGV" (the engine's command line, no probing) and --verbose wherever
// --quiet is accepted.
#include "fixture.h"

namespace conformance {
namespace {

class CommandOption : public QemuDocker {};

const json kEngines = R"({"podman": {"pull": {"stdout": "pulled\n"}},
                          "docker": {}, "sudo": {}})"_json;

TEST_F(CommandOption, ProbePrintsItAndRunsNothing) {
    auto r = run(kEngines, {"--command", "podman --remote", "probe"});
    EXPECT_EQ(r.lines(), Lines{});
    EXPECT_EQ(r.out, "podman --remote\n");
    EXPECT_EQ(r.status, 0);
}

TEST_F(CommandOption, CommandsRunItWithoutProbing) {
    auto r = run(kEngines, {"--command", "podman  --remote", "images", "-a"});
    EXPECT_EQ(r.lines(), Lines{"podman --remote images -a"});
    EXPECT_EQ(r.status, 0);
    r = run({"--engine", "docker", "--command=sudo -n docker", "run", "--rm", "img"});
    EXPECT_EQ(r.lines(), Lines{"sudo -n docker " + run_line("--rm img")});
}

TEST_F(CommandOption, PodmanNamedIsPodman) {
    auto r = run(R"({"podman": {"info": {"stdout": "false\n"}}})"_json,
                 {"--command", "podman --remote", "cc", "-i", "img", "x.c"});
    EXPECT_EQ(
        r.lines(),
        (Lines{"podman --remote info --format '{{.Host.Security.Rootless}} {{.Host.Hostname}}'",
               "podman --remote " + run_line("-u " + std::to_string(::getuid()) +
                                             " -w <tmp>/work -v <tmp>/work:<tmp>/work:rw "
                                             "img cc x.c")}));
}

// The program env runs, after its NAME=VALUE words, names the engine (it
// was taken for docker, whose rootless question podman cannot answer).
TEST_F(CommandOption, PodmanUnderEnvIsPodman) {
    auto r = run(R"({"podman": {"info": {"stdout": "false\n"}}})"_json,
                 {"--command", "env QD_SETTING=1 podman", "cc", "-i", "img", "x.c"});
    EXPECT_EQ(r.lines(),
              (Lines{"podman info --format '{{.Host.Security.Rootless}} {{.Host.Hostname}}'",
                     "podman " + run_line("-u " + std::to_string(::getuid()) +
                                          " -w <tmp>/work -v <tmp>/work:<tmp>/work:rw "
                                          "img cc x.c")}));
}

TEST_F(CommandOption, EmptyIsAUsageError) {
    for (const char* empty : {"", "   "}) {
        auto r = run(kEngines, {"--command", empty, "images"});
        EXPECT_EQ(r.lines(), Lines{});
        EXPECT_EQ(r.err_lines().back(),
                  "qemu-docker: error: argument --command: expected an engine command line");
        EXPECT_EQ(r.status, 2);
    }
}

TEST_F(CommandOption, VerboseOverridesQuiet) {
    auto quiet = run(kEngines, {"--engine", "podman", "fetch", "--quiet", "qemu/x", "reg"});
    EXPECT_EQ(quiet.out, "");
    for (Args args :
         {Args{"--engine", "podman", "fetch", "--verbose", "qemu/x", "reg"},
          Args{"--engine", "podman", "fetch", "--quiet", "--verbose", "qemu/x", "reg"}}) {
        auto r = run(args);
        EXPECT_EQ(r.out, "pulled\n");
        EXPECT_EQ(r.engine_lines(),
                  (Lines{"podman pull reg/qemu/x", "podman tag reg/qemu/x qemu/x"}));
        EXPECT_EQ(r.status, 0);
    }
}

} // namespace
} // namespace conformance
