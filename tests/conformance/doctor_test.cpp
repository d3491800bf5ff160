// doctor (an addition, docs/compatibility.md): which engine works and why the
// others do not, with the fix; only questions for the engine; exit 0 when
// one works, else 1.  probe's reasons on stderr when it answers no.
#include "fixture.h"

#include <chrono>
#include <sys/socket.h>
#include <sys/un.h>

namespace conformance {
namespace {

const char* const kPodmanInfo =
    R"({"host": {"hostname": "", "security": {"rootless": false}},
        "store": {"graphDriverName": "overlay", "graphRoot": "/"}})";
const char* const kDockerInfo =
    R"({"Name": "", "Driver": "overlay2", "DockerRootDir": "/", "SecurityOptions": []})";
const std::string kInstall = "install it (apt-get install ";

// What every doctor test runs under: docker's client pointed away from this
// machine's socket, the probe cache as configured by default.
RunOptions doctor_options() {
    RunOptions o;
    o.env["DOCKER_HOST"] = "tcp://127.0.0.1:1";
    o.unset.push_back("QEMU_DOCKER_PROBE_CACHE");
    return o;
}

json answers(const std::string& info) {
    return {{"version", {{"stdout", "Version: 4.3.1\n"}}},
            {"info", {{"stdout", info}}},
            {"ps", {{"stdout", ""}}}};
}

class Doctor : public QemuDocker {
  protected:
    // doctor --json's checks as "level|check|detail|fix"; this machine's own
    // (binfmt_misc, free space, where the agent is) as "*|check".
    Lines checks(const Outcome& r) {
        Lines out;
        json report = json::parse(r.out, nullptr, false);
        EXPECT_TRUE(report.is_object()) << r.out;
        if (!report.is_object())
            return out;
        engine = report["engine"];
        for (const auto& c : report["checks"]) {
            std::string check = c["check"];
            if (check == "binfmt_misc" || check == "free space" || check == "compile agent")
                out.push_back("*|" + check);
            else
                out.push_back(c["level"].get<std::string>() + "|" + check + "|" +
                              c["detail"].get<std::string>() + "|" + c["fix"].get<std::string>());
        }
        return out;
    }
    json engine;
};

TEST_F(Doctor, NoEngineInstalled) {
    auto r = run(json::object(), {"doctor", "--json"}, doctor_options());
    EXPECT_EQ(
        checks(r),
        (Lines{"fail|podman|no podman on PATH|" + kInstall + "podman), or use the other engine",
               "fail|docker|no docker on PATH|" + kInstall + "docker.io), or use the other engine",
               "fail|sudo -n docker|no sudo on PATH|" + kInstall + "sudo), or use the other engine",
               "fail|engine|none works, so probe answers no|mend one of the failures above",
               "ok|QEMU_DOCKER_REUSE|0: warm cc containers off|"}));
    EXPECT_TRUE(engine.is_null());
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.lines(), Lines{});
}

// The table a person reads: aligned, each fix under its finding, no colour
// when stdout is not a terminal.
TEST_F(Doctor, TableForAPerson) {
    auto r = run(R"({"podman": {"version": {"exit": 125, "stderr": "Error: boom\nmore\n"}}})"_json,
                 {"--engine", "podman", "doctor"}, doctor_options());
    EXPECT_EQ(r.out, "ok    podman             podman is <tmp>/bin/podman\n"
                     "fail  podman version     Error: boom\n"
                     "fail  engine             none works, so probe answers no\n"
                     "                         fix: mend one of the failures above\n"
                     "ok    QEMU_DOCKER_REUSE  0: warm cc containers off\n");
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.lines(), Lines{"podman version"});
}

TEST_F(Doctor, PodmanWorks) {
    json config = {{"podman", answers(kPodmanInfo)}};
    config["podman"]["ps"]["stdout"] = "qemu-docker-cc-0123456789abcdef\n";
    auto r = run(config, {"doctor", "--json"}, doctor_options());
    EXPECT_EQ(
        checks(r),
        (Lines{"ok|podman|podman is <tmp>/bin/podman|", "ok|podman version|answers: 4.3.1|",
               "ok|podman info|rootful, storage overlay|", "ok|podman storage|overlay in /|",
               "ok|podman host|this machine|",
               "warn|docker|no docker on PATH|" + kInstall + "docker.io), or use the other engine",
               "warn|sudo -n docker|no sudo on PATH|" + kInstall + "sudo), or use the other engine",
               "ok|engine|podman (what probe answers)|", "*|binfmt_misc", "*|free space",
               "ok|probe cache|none kept yet|", "*|compile agent",
               "ok|warm containers|1 running: qemu-docker-cc-0123456789abcdef|`qemu-docker "
               "clean` ends them",
               "ok|QEMU_DOCKER_REUSE|0: warm cc containers off|"}));
    EXPECT_EQ(engine, "podman");
    EXPECT_EQ(r.status, 0);
    // Questions only.
    EXPECT_EQ(r.lines(),
              (Lines{"podman version", "podman info --format '{{json .}}'",
                     "podman ps --filter label=com.qemu.cc-reuse --format '{{.Names}}'"}));
}

TEST_F(Doctor, InfoFailingIsNotAWorkingEngine) {
    json config = {{"podman", answers("")}};
    config["podman"]["info"] = {
        {"exit", 125},
        {"stderr", "Error: cannot find UID/GID for user u: no subuid ranges found\n"}};
    auto r = run(config, {"--engine", "podman", "doctor", "--json"}, doctor_options());
    EXPECT_EQ(checks(r),
              (Lines{"ok|podman|podman is <tmp>/bin/podman|", "ok|podman version|answers: 4.3.1|",
                     "fail|podman info|Error: cannot find UID/GID for user u: no subuid ranges "
                     "found|give root id ranges (sudo usermod --add-subuids 100000-165535 "
                     "--add-subgids 100000-165535 root), install uidmap, then run `podman system "
                     "migrate`",
                     "fail|engine|none works, so probe answers no|mend one of the failures above",
                     "ok|QEMU_DOCKER_REUSE|0: warm cc containers off|"}));
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.lines(), (Lines{"podman version", "podman info --format '{{json .}}'"}));
}

// A hung daemon does not hang doctor: each question is ended after 5 s.
TEST_F(Doctor, HungEngineIsEndedAndSaidSo) {
    auto r = run(R"({"podman": {"version": {"wait": true, "timeout": 60}}})"_json,
                 {"--engine", "podman", "doctor", "--json"}, doctor_options());
    EXPECT_FALSE(r.timed_out);
    EXPECT_LT(r.elapsed, std::chrono::seconds(20));
    Lines found = checks(r);
    ASSERT_GE(found.size(), 2u);
    EXPECT_EQ(found[1], "fail|podman version|no answer in 5 s (ended)|the engine hangs: look at "
                        "its daemon or service (systemctl status docker, podman.socket), or at "
                        "DOCKER_HOST and the context");
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(sandbox().wait_running(0, std::chrono::seconds(5)));
}

// What fails in the other candidates is a warning when one works.
TEST_F(Doctor, DockerAfterPodmanAndSudoWantingAPassword) {
    json config = {
        {"podman", {{"version", {{"exit", 125}, {"stderr", "Error: no\n"}}}}},
        {"docker", answers(kDockerInfo)},
        {"sudo", {{"version", {{"exit", 1}, {"stderr", "sudo: a password is required\n"}}}}}};
    auto r = run(config, {"doctor", "--json"}, doctor_options());
    EXPECT_EQ(
        checks(r),
        (Lines{"ok|podman|podman is <tmp>/bin/podman|", "warn|podman version|Error: no|",
               "ok|docker|docker is <tmp>/bin/docker|", "ok|docker version|answers: 4.3.1|",
               "ok|docker info|rootful, storage overlay2|", "ok|docker storage|overlay2 in /|",
               "ok|docker host|this machine|", "ok|sudo -n docker|sudo is <tmp>/bin/sudo|",
               "warn|sudo -n docker version|sudo: a password is required|let sudo run "
               "docker without a password (a NOPASSWD rule in /etc/sudoers.d), or use "
               "podman or docker's group instead",
               "ok|engine|docker (what probe answers)|", "*|binfmt_misc", "*|free space",
               "ok|probe cache|none kept yet|", "*|compile agent",
               "ok|warm containers|none running|",
               "ok|QEMU_DOCKER_REUSE|0: warm cc containers off|"}));
    EXPECT_EQ(engine, "docker");
    EXPECT_EQ(r.status, 0);
}

TEST_F(Doctor, DockerSocketMissingOrNotOne) {
    sandbox(
        R"({"docker": {"version": {"exit": 1, "stderr": "Cannot connect to the Docker daemon at unix:///x. Is the docker daemon running?\n"}}})"_json);
    RunOptions o = doctor_options();
    o.env["DOCKER_HOST"] = "unix://" + (sandbox().root() / "docker.sock").string();
    auto r = run({"--engine", "docker", "doctor", "--json"}, o);
    Lines found = checks(r);
    ASSERT_GE(found.size(), 3u);
    EXPECT_EQ(found[1], "fail|docker version|Cannot connect to the Docker daemon at unix:///x. "
                        "Is the docker daemon running?|start the daemon (sudo systemctl start "
                        "docker), or point DOCKER_HOST or the context at one that runs");
    EXPECT_EQ(found[2], "fail|docker socket|<tmp>/docker.sock: no such file|start the daemon "
                        "(sudo systemctl start docker), or set DOCKER_HOST to one that runs");
    EXPECT_EQ(r.status, 1);
}

TEST_F(Doctor, DockerSocketThatWorks) {
    sandbox(json{{"docker", answers(kDockerInfo)}});
    std::string path = (sandbox().root() / "docker.sock").string();
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    path.copy(address.sun_path, sizeof address.sun_path - 1);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    RunOptions o = doctor_options();
    o.env["DOCKER_HOST"] = "unix://" + path;
    auto r = run({"--engine", "docker", "doctor", "--json"}, o);
    ::close(fd);
    Lines found = checks(r);
    ASSERT_GE(found.size(), 3u);
    EXPECT_TRUE(found[2].starts_with("ok|docker socket|<tmp>/docker.sock: yours to use (group "))
        << found[2];
    EXPECT_EQ(r.status, 0);
}

// --command names the one candidate; what sudo or env runs decides its kind.
TEST_F(Doctor, CommandNamesTheOnlyCandidate) {
    auto r = run(json{{"podman", answers(kPodmanInfo)}, {"docker", answers(kDockerInfo)}},
                 {"--command", "env QD_X=1 podman", "doctor", "--json"}, doctor_options());
    Lines found = checks(r);
    ASSERT_GE(found.size(), 2u);
    EXPECT_EQ(found[1], "ok|env QD_X=1 podman version|answers: 4.3.1|");
    EXPECT_EQ(engine, "env QD_X=1 podman");
    EXPECT_EQ(r.lines(),
              (Lines{"podman version", "podman info --format '{{json .}}'",
                     "podman ps --filter label=com.qemu.cc-reuse --format '{{.Names}}'"}));
    EXPECT_EQ(r.status, 0);
}

TEST_F(Doctor, SettingsInForce) {
    RunOptions o = doctor_options();
    o.env["QEMU_DOCKER_REUSE"] = "later";
    o.env["QEMU_DOCKER_TRACEE"] = "1";
    auto r = run(json::object(), {"--engine", "podman", "doctor", "--json"}, o);
    Lines found = checks(r);
    ASSERT_EQ(found.size(), 4u);
    EXPECT_EQ(found[2], "fail|QEMU_DOCKER_REUSE|QEMU_DOCKER_REUSE=\"later\": not a number of "
                        "seconds from 0 to 86400|set it to 0 (off) or 1 to 86400");
    EXPECT_EQ(found[3],
              "warn|QEMU_DOCKER_TRACEE|not a setting qemu-docker knows|known: "
              "QEMU_DOCKER_REUSE, QEMU_DOCKER_TRACE, QEMU_DOCKER_PROBE_CACHE, QEMU_DOCKER_AGENT");
}

TEST_F(Doctor, TakesNoArguments) {
    auto r = run(json{{"podman", answers(kPodmanInfo)}}, {"doctor", "now"}, doctor_options());
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err_lines(), (Lines{kUsage, "qemu-docker: error: unrecognized arguments: now"}));
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.lines(), Lines{});
}

} // namespace
} // namespace conformance
