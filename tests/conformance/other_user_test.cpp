// As a user without a passwd entry (a CI container's arbitrary uid), run
// from root with setpriv: the useradd line (D10) and --userns=keep-id for
// rootless podman (D5).
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
    Outcome build_as_user(const RunOptions& options = {}) {
        return run({"build", "-t", "qemu/base", "-f", dockerfile("base"), "-u", "--no-cache"},
                   options);
    }
};

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

TEST_F(OtherUser, D5_RootlessPodmanKeepsTheId) {
    setup(R"({"podman": {}})"_json);
    auto r = run({"run", "--run-as-current-user", "img"});
    EXPECT_EQ(r.engine_lines(), Lines{"podman " + run_line("--userns=keep-id -u 4242 img")});
    r = run({"cc", "-i", "img", "x.c"});
    EXPECT_EQ(r.engine_lines(),
              Lines{"podman " + run_line("--userns=keep-id -u 4242 -w <tmp>/work -v "
                                         "<tmp>/work:<tmp>/work:rw img cc x.c")});
}

TEST_F(OtherUser, D5_RemotePodmanDoesNot) {
    setup(R"({"podman": {}})"_json);
    auto r = run({"run", "--run-as-current-user", "img"},
                 RunOptions::with_env("CONTAINER_HOST", "ssh://host/run/podman.sock"));
    EXPECT_EQ(r.engine_lines(), Lines{"podman " + run_line("-u 4242 img")});
}

TEST_F(OtherUser, DockerNeverKeepsId) {
    setup(R"({"docker": {}})"_json);
    auto r = run({"run", "--run-as-current-user", "img"});
    EXPECT_EQ(r.engine_lines(), Lines{"docker " + run_line("-u 4242 img")});
}

} // namespace
} // namespace conformance
