#include "qemu_docker/doctor/checks.h"

#include <gtest/gtest.h>

using namespace qd;

namespace {

// "level|check|detail|fix"
std::string seen(const Finding& f) {
    return std::string(level_name(f.level)) + "|" + f.check + "|" + f.detail + "|" + f.fix;
}

Answer exited(int status, std::string out = "", std::string err = "") {
    Answer a;
    a.result.started = true;
    a.result.exit_code = status;
    a.result.output = std::move(out);
    a.result.errors = std::move(err);
    a.seconds = 5;
    return a;
}

} // namespace

TEST(DoctorChecks, Program) {
    EXPECT_EQ(seen(program_finding("podman", "podman", "/usr/bin/podman")),
              "ok|podman|podman is /usr/bin/podman|");
    EXPECT_EQ(seen(program_finding("sudo -n docker", "sudo", std::nullopt)),
              "fail|sudo -n docker|no sudo on PATH|install it (apt-get install sudo), or use the "
              "other engine");
    EXPECT_EQ(seen(program_finding("docker", "docker", std::nullopt)),
              "fail|docker|no docker on PATH|install it (apt-get install docker.io), or use the "
              "other engine");
}

TEST(DoctorChecks, Version) {
    EXPECT_EQ(seen(version_finding("podman", exited(0, "Version: 4.3.1\n"), "u")),
              "ok|podman version|answers: 4.3.1|");
    EXPECT_EQ(seen(version_finding("podman", exited(0), "u")), "ok|podman version|answers|");
    EXPECT_EQ(seen(version_finding("sudo -n docker",
                                   exited(1, "", "\nsudo: a password is required\nmore\n"), "u")),
              "fail|sudo -n docker version|sudo: a password is required|let sudo run docker "
              "without a password (a NOPASSWD rule in /etc/sudoers.d), or use podman or docker's "
              "group instead");
    EXPECT_EQ(seen(version_finding("podman", exited(125), "u")), "fail|podman version|exit 125|");
    Answer hung = exited(0);
    hung.timed_out = true;
    hung.result.exit_code = 0;
    hung.result.signal = 9;
    EXPECT_EQ(seen(version_finding("docker", hung, "u")).substr(0, 47),
              "fail|docker version|no answer in 5 s (ended)|th");
    Answer killed = exited(0);
    killed.result.signal = 11;
    EXPECT_EQ(seen(version_finding("docker", killed, "u")), "fail|docker version|signal 11|");
}

TEST(DoctorChecks, Info) {
    EngineFacts facts{true, "vm", "vfs", "/s"};
    EXPECT_EQ(seen(info_finding("podman", exited(0), facts, "u")),
              "ok|podman info|rootless, storage vfs|");
    EXPECT_EQ(seen(info_finding("podman", exited(0), std::nullopt, "u")),
              "warn|podman info|answers, but not with the JSON asked for|");
    EXPECT_EQ(seen(info_finding("podman", exited(125, "", "Error: boom\n"), std::nullopt, "u")),
              "fail|podman info|Error: boom|`podman info` shows the whole error");
}

TEST(DoctorChecks, Socket) {
    SocketSeen s;
    s.path = "/run/docker.sock";
    s.user = "ann";
    EXPECT_EQ(seen(socket_finding(s)).substr(0, 51),
              "fail|docker socket|/run/docker.sock: no such file|s");
    s.exists = true;
    EXPECT_EQ(seen(socket_finding(s)),
              "fail|docker socket|/run/docker.sock: not a socket|point DOCKER_HOST "
              "(unix://PATH) at the daemon's socket");
    s.is_socket = true;
    s.group = "docker";
    EXPECT_EQ(seen(socket_finding(s)),
              "fail|docker socket|/run/docker.sock: only root and group docker may use it, and "
              "ann is not in it|sudo usermod -aG docker ann, then log in again (the group is as "
              "good as root); or use podman");
    s.group_listed = true;
    EXPECT_EQ(seen(socket_finding(s)),
              "fail|docker socket|/run/docker.sock: you are in group docker, but this login "
              "session is not yet|log out and in again (or run `newgrp docker`)");
    s.usable = true;
    EXPECT_EQ(seen(socket_finding(s)),
              "ok|docker socket|/run/docker.sock: yours to use (group docker)|");
}

TEST(DoctorChecks, SubidRanges) {
    std::string text = "ann:100000:65536\nbob:165536:65536\n1000:300000:10\n# x\nann:bad:1\n"
                       "ann:500000:0\n";
    using Ranges = std::vector<std::pair<std::uint64_t, std::uint64_t>>;
    EXPECT_EQ(subid_ranges(text, "ann", 1000), (Ranges{{100000, 65536}, {300000, 10}}));
    EXPECT_EQ(subid_ranges(text, "carl", 1001), Ranges{});
    EXPECT_EQ(seen(subid_finding("/etc/subuid", text, "ann", 1000)),
              "ok|/etc/subuid|ann: 100000-165535, 300000-300009 (65546 ids)|");
    std::string fix = "sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 carl, "
                      "then `podman system migrate`";
    EXPECT_EQ(seen(subid_finding("/etc/subgid", text, "carl", 1001)),
              "warn|/etc/subgid|no range for carl: rootless podman maps your own id only, so "
              "images with files of other users fail|" +
                  fix);
    EXPECT_EQ(seen(subid_finding("/etc/subuid", "carl:1:1000\n", "carl", 1001)),
              "warn|/etc/subuid|carl: 1-1000 (1000 ids), fewer than images' users need "
              "(65536)|" +
                  fix);
    EXPECT_EQ(seen(subid_finding("/etc/subuid", std::nullopt, "carl", 1001)),
              "fail|/etc/subuid|cannot be read|" + fix);
}

TEST(DoctorChecks, IdMapHelpers) {
    EXPECT_EQ(seen(helper_finding({"newuidmap", std::nullopt, false})),
              "fail|newuidmap|not installed: rootless podman cannot map ids|sudo apt-get install "
              "uidmap");
    EXPECT_EQ(seen(helper_finding({"newgidmap", "/usr/bin/newgidmap", false})),
              "fail|newgidmap|/usr/bin/newgidmap is neither setuid root nor given a "
              "capability|sudo chmod u+s /usr/bin/newgidmap (or reinstall uidmap)");
    EXPECT_EQ(seen(helper_finding({"newuidmap", "/usr/bin/newuidmap", true})),
              "ok|newuidmap|/usr/bin/newuidmap|");
}

TEST(DoctorChecks, StorageAndHost) {
    EXPECT_EQ(seen(storage_finding("podman", {false, "", "overlay", "/var/lib/containers"})),
              "ok|podman storage|overlay in /var/lib/containers|");
    EXPECT_EQ(seen(storage_finding("podman", {true, "", "vfs", "/h"})).substr(0, 26),
              "warn|podman storage|vfs: e");
    EXPECT_EQ(seen(host_finding("docker", {false, "far", "", ""}, "near")),
              "warn|docker host|far, not this machine (near): bind mounts name far's "
              "directories|for cc and update, use an engine on this machine");
    EXPECT_EQ(seen(host_finding("docker", {false, "near", "", ""}, "near")),
              "ok|docker host|this machine|");
    EXPECT_EQ(seen(host_finding("docker", {false, "", "", ""}, "near")),
              "ok|docker host|this machine|");
}

TEST(DoctorChecks, Binfmt) {
    BinfmtEntry with_f{"/usr/libexec/qemu-binfmt/aarch64-binfmt-P", true};
    BinfmtEntry without_f{"/usr/bin/qemu-arm-static", false};
    EXPECT_EQ(seen(binfmt_finding(false, {})),
              "warn|binfmt_misc|not mounted: images of other architectures cannot run|sudo mount "
              "-t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc");
    EXPECT_EQ(seen(binfmt_finding(true, {})),
              "warn|binfmt_misc|no qemu-* entries: images of other architectures cannot "
              "run|sudo apt-get install qemu-user-static binfmt-support");
    EXPECT_EQ(seen(binfmt_finding(true, {{"qemu-aarch64", with_f}, {"qemu-arm", without_f}})),
              "warn|binfmt_misc|1 of 2 qemu-* entries lack the F flag: qemu-arm|without F, the "
              "interpreter must be in the image (`qemu-docker update --executable` copies it); "
              "Debian's qemu-user-static registers with F");
    EXPECT_EQ(seen(binfmt_finding(true, {{"qemu-aarch64", with_f}})),
              "ok|binfmt_misc|1 qemu-* entries, all with the F flag|");
}

TEST(DoctorChecks, FreeSpace) {
    std::uint64_t gib = 1024ull * 1024 * 1024;
    EXPECT_EQ(seen(space_finding("/s", 71 * gib + gib / 2)), "ok|free space|71.5 GiB free in /s|");
    EXPECT_EQ(seen(space_finding("/s", gib)),
              "warn|free space|1.0 GiB free in /s: a QEMU build image needs a few GiB|`podman "
              "image prune` or `docker image prune` frees unused images");
    EXPECT_EQ(seen(space_finding("/s", std::nullopt)), "ok|free space|/s: not readable from here|");
}

TEST(DoctorChecks, Settings) {
    auto found = settings_findings({{"QEMU_DOCKER_REUSE", "120"},
                                    {"QEMU_DOCKER_TRACE", "1"},
                                    {"QEMU_DOCKER_REUSE", "soon"},
                                    {"QEMU_DOCKER_REUSE", "0"},
                                    {"QEMU_DOCKER_RESUE", "1"},
                                    {"QEMU_DOCKER_PROBE_CACHE", ""}});
    ASSERT_EQ(found.size(), 6u);
    EXPECT_EQ(seen(found[0]), "ok|QEMU_DOCKER_REUSE|120: warm cc containers, 120 s idle|");
    EXPECT_EQ(seen(found[1]), "ok|QEMU_DOCKER_TRACE|1|");
    EXPECT_EQ(seen(found[2]), "fail|QEMU_DOCKER_REUSE|QEMU_DOCKER_REUSE=\"soon\": not a number of "
                              "seconds from 0 to 86400|set it to 0 (off) or 1 to 86400");
    EXPECT_EQ(seen(found[3]), "ok|QEMU_DOCKER_REUSE|0: warm cc containers off|");
    EXPECT_EQ(seen(found[4]),
              "warn|QEMU_DOCKER_RESUE|not a setting qemu-docker knows|known: QEMU_DOCKER_REUSE, "
              "QEMU_DOCKER_TRACE, QEMU_DOCKER_PROBE_CACHE, QEMU_DOCKER_AGENT");
    EXPECT_EQ(seen(found[5]), "ok|QEMU_DOCKER_PROBE_CACHE|(empty)|");
}
