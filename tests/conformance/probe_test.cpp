// probe: which engine works, as one word on stdout; exit 0 always.
#include "fixture.h"

namespace conformance {
namespace {

class Probe : public EachEngine {};
QD_EACH_ENGINE(Probe);

TEST_P(Probe, PrintsTheEngineFound) {
    auto r = run(config(), args({"probe"}));
    EXPECT_EQ(r.out, GetParam().probe_name + "\n");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.lines(), GetParam().probe);
}

TEST_P(Probe, HidesWhatVersionPrints) {
    auto r = run(config(R"({"version": {"stdout": "Version: 9\n", "stderr": "warning\n"}})"_json),
                 args({"probe"}));
    EXPECT_EQ(r.out, GetParam().probe_name + "\n");
    EXPECT_EQ(r.err, "");
}

class ProbeNone : public QemuDocker {};

// Said on stderr when probe answers no (an addition: docs/compatibility.md).
const std::string kSeeDoctor =
    "qemu-docker: no container engine works; `qemu-docker doctor` says why and how to mend it\n";
const std::string kNotInstalled = ": cannot start: No such file or directory\n";

TEST_F(ProbeNone, NoEngineInstalledPrintsNo) {
    auto r = run(json::object(), {"probe"});
    EXPECT_EQ(r.out, "no\n");
    EXPECT_EQ(r.err, "qemu-docker: podman version" + kNotInstalled + "qemu-docker: docker version" +
                         kNotInstalled + "qemu-docker: sudo -n docker version" + kNotInstalled +
                         kSeeDoctor);
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.lines(), Lines{});
}

TEST_F(ProbeNone, EveryVersionFailingPrintsNo) {
    auto r = run(R"({"podman": {"version": {"exit": 125}}, "docker": {"version": {"exit": 1}},
                     "sudo": {"version": {"exit": 1}}})"_json,
                 {"probe"});
    EXPECT_EQ(r.out, "no\n");
    EXPECT_EQ(r.err, "qemu-docker: podman version: exit 125\nqemu-docker: docker version: exit "
                     "1\nqemu-docker: sudo -n docker version: exit 1\n" +
                         kSeeDoctor);
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.lines(), (Lines{"podman version", "docker version", "sudo -n docker version"}));
}

TEST_F(ProbeNone, EnginePodmanNeverTriesDocker) {
    auto r = run(R"({"docker": {}, "sudo": {}})"_json, {"--engine", "podman", "probe"});
    EXPECT_EQ(r.out, "no\n");
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.lines(), Lines{});
}

TEST_F(ProbeNone, EngineDockerNeverTriesPodman) {
    auto r = run(R"({"podman": {}, "docker": {"version": {"exit": 1}}})"_json,
                 {"--engine", "docker", "probe"});
    EXPECT_EQ(r.out, "no\n");
    EXPECT_EQ(r.lines(), Lines{"docker version"});
}

TEST_F(ProbeNone, SudoWithoutDockerBehindIt) {
    auto r =
        run(R"({"sudo": {"version": {"exit": 1, "stderr": "sudo: docker: not found\n"}}})"_json,
            {"probe"});
    EXPECT_EQ(r.out, "no\n");
    EXPECT_EQ(r.err, "qemu-docker: podman version" + kNotInstalled + "qemu-docker: docker version" +
                         kNotInstalled +
                         "qemu-docker: sudo -n docker version: sudo: docker: not "
                         "found\n" +
                         kSeeDoctor);
    EXPECT_EQ(r.lines(), Lines{"sudo -n docker version"});
}

TEST_F(ProbeNone, EngineNameIsCaseInsensitiveAndAbbreviable) {
    json both = R"({"podman": {}, "docker": {}})"_json;
    for (Args form : {Args{"--engine", "DOCKER", "probe"}, Args{"--engine=Docker", "probe"},
                      Args{"--eng", "docker", "probe"}, Args{"--e=docker", "probe"},
                      Args{"--engine", "podman", "--engine", "docker", "probe"}}) {
        auto r = run(both, form);
        EXPECT_EQ(r.out, "docker\n") << testing::PrintToString(form);
    }
}

TEST_F(ProbeNone, EngineAutoTriesPodmanFirst) {
    auto r = run(R"({"podman": {}, "docker": {}})"_json, {"--engine", "auto", "probe"});
    EXPECT_EQ(r.out, "podman\n");
    EXPECT_EQ(r.lines(), Lines{"podman version"});
}

} // namespace
} // namespace conformance
