// As a user without a passwd entry (a CI container's arbitrary uid), run
// from root with setpriv: the useradd line (D10), and the user mapping as the
// engine says it runs (D5): keep-id for rootless podman, nothing for rootless
// docker, podman behind a `docker` command taken for podman.
#include "fixture.h"
#include "precondition.h"

#include <filesystem>
#include <pwd.h>
#include <unistd.h>

namespace conformance {
namespace {

constexpr unsigned kUid = 4242;
const char* const kSetpriv = "/usr/bin/setpriv";

class OtherUser : public QemuDocker {
  protected:
    void SetUp() override {
        if (::geteuid() != 0 || !std::filesystem::exists(kSetpriv) || ::getpwuid(kUid))
            PRECONDITION_MISSING("needs root, " << kSetpriv << " and no passwd entry for uid "
                                                << kUid);
        std::string id = std::to_string(kUid);
        wrapper = {kSetpriv, "--reuid=" + id, "--regid=" + id, "--clear-groups"};
    }
    // A sandbox with CONFIG that uid kUid can use, with the dockerfiles.
    void setup(const json& config) {
        sandbox(config).share_with_others();
        write_dockerfiles(sandbox());
    }
    // The dockerfile `build -u` generates for the user NAME.
    static std::string with_user(const std::string& name) {
        return std::string(kBaseDockerfile) + "\nRUN id " + name +
               " 2>/dev/null || useradd -u 4242 -U " + name +
               "\nLABEL com.qemu.dockerfile-checksum=" + kBaseChecksum + "\n";
    }
    // The probe cache on, in a runtime directory of the user's own.
    RunOptions probe_cache_on() {
        std::filesystem::path runtime = sandbox().root() / "run-4242";
        std::filesystem::create_directory(runtime);
        EXPECT_EQ(::chown(runtime.c_str(), kUid, kUid), 0);
        std::filesystem::permissions(runtime, std::filesystem::perms::owner_all);
        RunOptions cached;
        cached.env = {{"QEMU_DOCKER_PROBE_CACHE", "1"}, {"XDG_RUNTIME_DIR", runtime.string()}};
        return cached;
    }
    Outcome build_as_user(const RunOptions& options = {}) {
        return run({"build", "-t", "qemu/base", "-f", dockerfile("base"), "-u", "--no-cache"},
                   options);
    }
};

// A HOME that is not the user's (sudo -E, a HOME a script left): nothing of
// ours is made in it (root's state in a user's home stopped that user's own
// cache and warm compiles); without a passwd entry, there is no state.
TEST_F(OtherUser, HomeOfSomeoneElseIsNotUsed) {
    setup(R"({"podman": {}})"_json);
    std::filesystem::path home = sandbox().root() / "roots-home"; // root's, writable by all
    std::filesystem::create_directory(home);
    std::filesystem::permissions(home, std::filesystem::perms::all);
    RunOptions cache_on;
    cache_on.env = {{"QEMU_DOCKER_PROBE_CACHE", "1"}, {"HOME", home.string()}};
    for (int i = 0; i < 2; ++i) {
        auto r = run({"images"}, cache_on);
        EXPECT_EQ(r.lines(), (Lines{"podman version", "podman images"})) << i;
        EXPECT_EQ(r.status, 0) << r.err;
    }
    EXPECT_FALSE(std::filesystem::exists(home / ".cache"));
}

TEST_F(OtherUser, D10_NameMadeFromTheUid) {
    setup(R"({"podman": {}})"_json);
    auto r = build_as_user();
    EXPECT_EQ(r.lines(), (Lines{"podman version", "podman build -t qemu/base -f "
                                                  "<context>/<dockerfile> --no-cache <context>"}));
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.calls.back().dockerfile(), with_user("user4242"));
}

TEST_F(OtherUser, D10_NameFromUserThenLogname) {
    setup(R"({"podman": {}})"_json);
    RunOptions both;
    both.env = {{"USER", "builder"}, {"LOGNAME", "ci"}};
    EXPECT_EQ(build_as_user(both).calls.back().dockerfile(), with_user("builder"));
    EXPECT_EQ(build_as_user(RunOptions::with_env("LOGNAME", "ci")).calls.back().dockerfile(),
              with_user("ci"));
}

TEST_F(OtherUser, D10_InvalidNamesAreNeverWritten) {
    setup(R"({"podman": {}})"_json);
    for (const char* bad : {"Bad Name", "1abc", "-x", "a;rm -rf /", "Builder"}) {
        RunOptions o;
        o.env = {{"USER", bad}, {"LOGNAME", "ci"}};
        EXPECT_EQ(build_as_user(o).calls.back().dockerfile(), with_user("user4242")) << bad;
    }
}

TEST_F(OtherUser, D10_Update) {
    setup(R"({"podman": {}})"_json);
    auto r = run({"update", "qemu/base", "-u"}, RunOptions::with_env("USER", "builder"));
    EXPECT_EQ(r.lines(), (Lines{"podman version", "podman build -t qemu/base -"}));
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.calls.back().dockerfile(),
              "FROM qemu/base\n\nRUN id builder 2>/dev/null || useradd -u 4242 -U builder");
}

const std::string kAskPodman =
    "podman info --format '{{.Host.Security.Rootless}} {{.Host.Hostname}}'";
const std::string kAskDocker = "docker info --format '{{json .SecurityOptions}} {{.Name}}'";

TEST_F(OtherUser, D5_RootlessPodmanKeepsTheId) {
    setup(R"({"podman": {"info": {"stdout": "true\n"}}})"_json);
    auto r = run({"run", "--run-as-current-user", "img"});
    EXPECT_EQ(r.engine_lines(),
              (Lines{kAskPodman, "podman " + run_line("--userns=keep-id -u 4242 img")}));
    r = run({"cc", "-i", "img", "x.c"});
    EXPECT_EQ(r.engine_lines(),
              (Lines{kAskPodman, "podman " + run_line("--userns=keep-id -u 4242 -w <tmp>/work -v "
                                                      "<tmp>/work:<tmp>/work:rw img cc x.c")}));
}

// An engine that does not answer the question: not root and not remote
// means rootless podman, as docker.py has it.
TEST_F(OtherUser, D5_PodmanThatDoesNotSayIsTakenToBeRootless) {
    setup(R"({"podman": {"info": {"exit": 125}}})"_json);
    auto r = run({"run", "--run-as-current-user", "img"});
    EXPECT_EQ(r.engine_lines(),
              (Lines{kAskPodman, "podman " + run_line("--userns=keep-id -u 4242 img")}));
    EXPECT_EQ(r.status, 0);
}

TEST_F(OtherUser, D5_RemotePodmanThatDoesNotSayDoesNotKeepTheId) {
    setup(R"({"podman": {"info": {"stdout": ""}}})"_json);
    auto r = run({"run", "--run-as-current-user", "img"},
                 RunOptions::with_env("CONTAINER_HOST", "ssh://host/run/podman.sock"));
    EXPECT_EQ(r.engine_lines(), (Lines{kAskPodman, "podman " + run_line("-u 4242 img")}));
}

// A rootful podman service reached through a connection (CONTAINER_HOST,
// CONTAINER_CONNECTION, a default connection): no keep-id, which it refuses.
TEST_F(OtherUser, D5_RootfulPodmanServiceGetsNoKeepIdAndTheAnswerIsKept) {
    setup(R"({"podman": {"info": {"stdout": "false\n"}}})"_json);
    RunOptions cached = probe_cache_on();
    auto r = run({"run", "--run-as-current-user", "img"}, cached);
    EXPECT_EQ(r.engine_lines(), (Lines{kAskPodman, "podman " + run_line("-u 4242 img")}));
    r = run({"cc", "-i", "img", "x.c"}, cached);
    EXPECT_EQ(r.lines(), (Lines{"podman " + run_line("-u 4242 -w <tmp>/work -v "
                                                     "<tmp>/work:<tmp>/work:rw img cc x.c")}));
}

// The guess for an engine that cannot say is kept as its answer would be:
// the next command does not ask again.
TEST_F(OtherUser, D5_TheGuessForAPodmanThatDoesNotSayIsKept) {
    setup(R"({"podman": {"info": {"exit": 125}}})"_json);
    RunOptions cached = probe_cache_on();
    auto r = run({"run", "--run-as-current-user", "img"}, cached);
    EXPECT_EQ(r.engine_lines(),
              (Lines{kAskPodman, "podman " + run_line("--userns=keep-id -u 4242 img")}));
    r = run({"run", "--run-as-current-user", "img"}, cached);
    EXPECT_EQ(r.lines(), (Lines{"podman " + run_line("--userns=keep-id -u 4242 img")}));
}

TEST_F(OtherUser, DockerNeverKeepsId) {
    setup(R"({"docker": {"info": {"stdout": "[\"name=seccomp,profile=builtin\"]\n"}}})"_json);
    auto r = run({"run", "--run-as-current-user", "img"});
    EXPECT_EQ(r.engine_lines(), (Lines{kAskDocker, "docker " + run_line("-u 4242 img")}));
}

// Rootless docker maps the container's root to the invoking user: no -u.
TEST_F(OtherUser, RootlessDockerRunsAsItsRoot) {
    setup(R"({"docker": {"info": {"stdout":
              "[\"name=seccomp,profile=builtin\",\"name=rootless\",\"name=cgroupns\"]\n"}}})"_json);
    auto r = run({"cc", "-i", "img", "x.c"});
    EXPECT_EQ(r.engine_lines(),
              (Lines{kAskDocker, "docker " + run_line("-w <tmp>/work -v <tmp>/work:<tmp>/work:rw "
                                                      "img cc x.c")}));
}

// An engine on another machine (its host name is not ours): bind mounts name
// directories there, so cc and run as the current user say so, once.
TEST_F(OtherUser, EngineElsewhereIsSaidOnce) {
    char ours[256] = {};
    ASSERT_EQ(::gethostname(ours, sizeof ours - 1), 0);
    auto answering = [](const std::string& host) {
        return json{{"docker", {{"info", {{"stdout", "[\"name=seccomp\"] " + host + "\n"}}}}}};
    };
    setup(answering("build-server-9"));
    auto r = run({"cc", "-i", "img", "x.c"});
    EXPECT_EQ(r.err, "qemu-docker: warning: the engine runs on build-server-9, not on this "
                     "machine (" +
                         std::string(ours) + "): the directories it mounts are build-server-9's\n");
    EXPECT_EQ(r.engine_lines().back(),
              "docker " + run_line("-u 4242 -w <tmp>/work -v <tmp>/work:<tmp>/work:rw img cc x.c"));
    EXPECT_EQ(r.status, 0);
    sandbox().write("config.json", answering(ours).dump());
    r = run({"cc", "-i", "img", "x.c"});
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
}

// Debian's podman-docker: `docker` is podman (its version says so).  probe
// still says docker (configure runs that command); keep-id when rootless,
// no BuildKit, rm --time 0.
TEST_F(OtherUser, PodmanBehindDockerIsTreatedAsPodman) {
    json shim = R"({"docker": {"version": {"stdout":
        "Client:       Podman Engine\nVersion:      4.3.1\n"},
        "info": {"stdout": "true\n"}, "ps": {"stdout": "c1\n"}}})"_json;
    setup(shim);
    EXPECT_EQ(run({"probe"}).out, "docker\n");
    auto r = run({"run", "--run-as-current-user", "img"});
    EXPECT_EQ(r.engine_lines(),
              (Lines{"docker info --format '{{.Host.Security.Rootless}} {{.Host.Hostname}}'",
                     "docker " + run_line("--userns=keep-id -u 4242 img")}));
    r = run({"clean"});
    EXPECT_EQ(r.engine_lines(), (Lines{"docker ps -q -a --filter=label=com.qemu.instance.uuid",
                                       "docker rm -f --time 0 c1"}));
    r = build_as_user();
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.calls.back().env, (std::map<std::string, std::string>{}));
}

// doctor as a user with no subordinate ids: rootless podman's needs are
// checked (/etc/subuid has no range for uid 4242) and nothing is made in the
// user's state directory.
TEST_F(OtherUser, DoctorChecksRootlessPodmansRanges) {
    setup(R"({"podman": {"version": {"stdout": "Version: 4.3.1\n"},
                         "info": {"stdout": "{\"host\": {\"hostname\": \"\", \"security\": {\"rootless\": true}}, \"store\": {\"graphDriverName\": \"vfs\", \"graphRoot\": \"/\"}}"}}})"_json);
    RunOptions o = probe_cache_on();
    auto r = run({"--engine", "podman", "doctor", "--json"}, o);
    EXPECT_EQ(r.status, 0) << r.err;
    json report = json::parse(r.out, nullptr, false);
    ASSERT_TRUE(report.is_object()) << r.out;
    Lines found;
    for (const auto& c : report["checks"])
        if (c["check"] == "/etc/subuid" || c["check"] == "/etc/subgid" ||
            c["check"] == "podman info" || c["check"] == "probe cache")
            found.push_back(c["level"].get<std::string>() + "|" + c["check"].get<std::string>() +
                            "|" + c["detail"].get<std::string>());
    EXPECT_EQ(found, (Lines{"ok|podman info|rootless, storage vfs",
                            "warn|/etc/subuid|no range for user4242: rootless podman maps your "
                            "own id only, so images with files of other users fail",
                            "warn|/etc/subgid|no range for user4242: rootless podman maps your "
                            "own id only, so images with files of other users fail",
                            "ok|probe cache|none kept yet"}));
    EXPECT_FALSE(std::filesystem::exists(sandbox().root() / "run-4242" / "qemu-docker"));
}

} // namespace
} // namespace conformance
