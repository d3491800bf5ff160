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

TEST(EngineNamedBy, KeepsTheWordsAsGiven) {
    std::vector<std::string> argv{"sudo", "-n", "docker"};
    EXPECT_EQ(qd::engine_named_by(argv).prefix, argv);
}

} // namespace
