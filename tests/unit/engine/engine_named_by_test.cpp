// --command "ARGV": which kind of engine its program is, without running it.
#include "qemu_docker/engine/engine.h"

#include <gtest/gtest.h>

namespace {

qd::EngineKind kind_of(std::vector<std::string> argv) {
    return qd::engine_named_by(argv).kind;
}

TEST(EngineNamedBy, TheFirstWordIsTheProgram) {
    EXPECT_EQ(kind_of({"podman", "--remote"}), qd::EngineKind::Podman);
    EXPECT_EQ(kind_of({"/usr/bin/podman-remote"}), qd::EngineKind::Podman);
    EXPECT_EQ(kind_of({"docker", "--context", "podman"}), qd::EngineKind::Docker);
    EXPECT_EQ(kind_of({"/opt/bin/docker"}), qd::EngineKind::Docker);
    EXPECT_EQ(kind_of({"nerdctl"}), qd::EngineKind::Docker);
}

TEST(EngineNamedBy, UnderSudoTheFirstWordAfterItsOptions) {
    EXPECT_EQ(kind_of({"sudo", "-n", "docker"}), qd::EngineKind::SudoDocker);
    EXPECT_EQ(kind_of({"/usr/bin/sudo", "-n", "-E", "podman"}), qd::EngineKind::Podman);
    EXPECT_EQ(kind_of({"sudo", "-n", "docker", "--host", "podman"}), qd::EngineKind::SudoDocker);
    EXPECT_EQ(kind_of({"sudo", "-n"}), qd::EngineKind::SudoDocker);
}

// sudo's options that take a value, in each form (issue 19: `sudo -u
// builder podman` was taken for docker).
TEST(EngineNamedBy, SudoOptionsWithValues) {
    EXPECT_EQ(kind_of({"sudo", "-u", "builder", "podman"}), qd::EngineKind::Podman);
    EXPECT_EQ(kind_of({"sudo", "-n", "-u", "builder", "podman"}), qd::EngineKind::Podman);
    EXPECT_EQ(kind_of({"sudo", "-nu", "builder", "podman"}), qd::EngineKind::Podman);
    EXPECT_EQ(kind_of({"sudo", "-ubuilder", "podman"}), qd::EngineKind::Podman);
    EXPECT_EQ(kind_of({"sudo", "--user", "builder", "-g", "kvm", "podman"}),
              qd::EngineKind::Podman);
    EXPECT_EQ(kind_of({"sudo", "--user=builder", "podman"}), qd::EngineKind::Podman);
    EXPECT_EQ(kind_of({"sudo", "-D", "/tmp", "--", "podman"}), qd::EngineKind::Podman);
    EXPECT_EQ(kind_of({"sudo", "-u", "podman", "docker"}), qd::EngineKind::SudoDocker);
}

TEST(EngineNamedBy, EnvAssignmentsAndOptions) {
    EXPECT_EQ(kind_of({"env", "CONTAINER_HOST=unix:///run/podman.sock", "podman"}),
              qd::EngineKind::Podman);
    EXPECT_EQ(kind_of({"/usr/bin/env", "-i", "-u", "HOME", "A=1", "B=2", "podman", "--remote"}),
              qd::EngineKind::Podman);
    EXPECT_EQ(kind_of({"env", "DOCKER_HOST=tcp://x:2375", "docker"}), qd::EngineKind::Docker);
    EXPECT_EQ(kind_of({"sudo", "-u", "builder", "env", "X=1", "podman"}), qd::EngineKind::Podman);
    EXPECT_EQ(kind_of({"env", "X=1", "sudo", "-n", "docker"}), qd::EngineKind::SudoDocker);
    EXPECT_EQ(kind_of({"env", "X=1"}), qd::EngineKind::Docker);
}

TEST(EngineNamedBy, KeepsTheWordsAsGiven) {
    std::vector<std::string> argv{"sudo", "-n", "docker"};
    EXPECT_EQ(qd::engine_named_by(argv).prefix, argv);
}

} // namespace
