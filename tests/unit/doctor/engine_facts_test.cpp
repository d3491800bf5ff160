#include "qemu_docker/doctor/engine_facts.h"

#include <gtest/gtest.h>

using qd::fix_for;
using qd::parse_info_json;
using qd::version_in;

TEST(EngineFacts, PodmansInfo) {
    auto facts = parse_info_json(R"({"host": {"hostname": "vm", "security": {"rootless": true}},
        "store": {"graphDriverName": "vfs", "graphRoot": "/home/u/.local/share/containers/storage"}})");
    ASSERT_TRUE(facts);
    EXPECT_TRUE(facts->rootless);
    EXPECT_EQ(facts->host_name, "vm");
    EXPECT_EQ(facts->storage_driver, "vfs");
    EXPECT_EQ(facts->graph_root, "/home/u/.local/share/containers/storage");
}

TEST(EngineFacts, DockersInfo) {
    auto facts = parse_info_json(R"({"Name": "box", "Driver": "overlay2",
        "DockerRootDir": "/var/lib/docker",
        "SecurityOptions": ["name=seccomp,profile=builtin", "name=rootless"]})");
    ASSERT_TRUE(facts);
    EXPECT_TRUE(facts->rootless);
    EXPECT_EQ(facts->host_name, "box");
    EXPECT_EQ(facts->storage_driver, "overlay2");
    EXPECT_EQ(facts->graph_root, "/var/lib/docker");
    auto rootful = parse_info_json(R"({"DockerRootDir": "/d", "SecurityOptions": null})");
    ASSERT_TRUE(rootful);
    EXPECT_FALSE(rootful->rootless);
}

TEST(EngineFacts, NeitherEnginesJson) {
    EXPECT_FALSE(parse_info_json(""));
    EXPECT_FALSE(parse_info_json("[]"));
    EXPECT_FALSE(parse_info_json("{\"x\": 1}"));
    EXPECT_FALSE(parse_info_json("host: vm\n"));
    // Wrong types are read as not said, never thrown.
    auto odd = parse_info_json(R"({"host": 3, "store": {"graphRoot": 7}})");
    ASSERT_TRUE(odd);
    EXPECT_EQ(odd->graph_root, "");
    EXPECT_FALSE(odd->rootless);
}

TEST(EngineFacts, VersionInOutput) {
    EXPECT_EQ(version_in("Client:       Podman Engine\nVersion:      4.3.1\nAPI Version:  4.3.1\n"),
              "4.3.1");
    EXPECT_EQ(version_in("Client:\n Version:           20.10.24+dfsg1\n API version: 1.41\n"),
              "20.10.24+dfsg1");
    EXPECT_EQ(version_in("nothing here\n"), "");
    EXPECT_EQ(version_in(""), "");
}

TEST(EngineFacts, FixesForTheEnginesOwnWords) {
    EXPECT_NE(fix_for("docker", "sudo: a password is required", "u").find("NOPASSWD"),
              std::string::npos);
    EXPECT_EQ(fix_for("docker",
                      "permission denied while trying to connect to the Docker daemon socket at "
                      "unix:///var/run/docker.sock: ...",
                      "ann"),
              "join the group that owns the socket (sudo usermod -aG docker ann), then log in "
              "again; see the socket line");
    EXPECT_NE(fix_for("docker",
                      "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is "
                      "the docker daemon running?",
                      "u")
                  .find("systemctl start docker"),
              std::string::npos);
    EXPECT_NE(fix_for("podman",
                      "Error: cannot find UID/GID for user ann: no subuid ranges found for user "
                      "\"ann\" in /etc/subuid",
                      "ann")
                  .find("--add-subuids 100000-165535 --add-subgids 100000-165535 ann"),
              std::string::npos);
    EXPECT_NE(fix_for("podman", "no answer in 5 s (ended)", "u").find("hangs"), std::string::npos);
    EXPECT_EQ(fix_for("podman", "cannot start: No such file or directory", "u"),
              "install it (apt-get install podman), or use the other engine");
    EXPECT_EQ(fix_for("podman", "Error: something new", "u"), "");
}
