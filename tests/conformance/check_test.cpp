// check: whether an image matches its dockerfile, or is older than N
// minutes; the reference's messages, which --quiet silences, and statuses.
#include "fixture.h"

namespace conformance {
namespace {

class Check : public EachEngine {
  protected:
    // A sandbox where the stand-in knows TAG as IMAGE, with the dockerfiles.
    void setup(const std::string& tag, const json& image) {
        json c = config();
        c["images"][tag] = image;
        sandbox(c);
        write_dockerfiles(sandbox());
    }
};
QD_EACH_ENGINE(Check);

TEST_P(Check, ImageDoesNotExist) {
    setup("qemu/other", image(kBaseChecksum));
    bool first = true;
    for (const char* quiet : {"--quiet", "--checktype=checksum"}) {
        auto r = run(args({"check", quiet, "qemu/base", dockerfile("base")}));
        Lines calls = {"inspect qemu/base"};
        EXPECT_EQ(r.lines(), first ? probed(calls) : probed_again(calls));
        first = false;
        EXPECT_EQ(r.out, "Image does not exist\n");
        EXPECT_EQ(r.err, "");
        EXPECT_EQ(r.status, 1);
    }
}

TEST_P(Check, UpToDate) {
    setup("qemu/base", image(kBaseChecksum));
    auto r = run(args({"check", "qemu/base", dockerfile("base")}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base"})); // docker.py inspects twice
    EXPECT_EQ(r.out, "Image is up to date\n");
    EXPECT_EQ(r.status, 0);
    r = run(args({"check", "--quiet", "qemu/base", dockerfile("base")}));
    EXPECT_EQ(r.lines(), probed_again({"inspect qemu/base"}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Check, UpToDateWithItsParents) {
    setup("qemu/child", image(kChildChecksum));
    auto r = run(args({"check", "qemu/child", dockerfile("child")}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/child"}));
    EXPECT_EQ(r.out, "Image is up to date\n");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Check, NeedsUpdating) {
    setup("qemu/base", image(kChildChecksum));
    bool first = true;
    for (Args more : {Args{}, Args{"--quiet"}, Args{"--checktype", "checksum"}}) {
        Args a = {"check", "qemu/base", dockerfile("base")};
        a.insert(a.end(), more.begin(), more.end());
        auto r = run(args(a));
        EXPECT_EQ(r.lines(),
                  first ? probed({"inspect qemu/base"}) : probed_again({"inspect qemu/base"}));
        first = false;
        EXPECT_EQ(r.out, "Image needs updating\n");
        EXPECT_EQ(r.err, "");
        EXPECT_EQ(r.status, 1);
    }
}

TEST_P(Check, ImageWithoutLabelsNeedsUpdating) {
    setup("qemu/base", json::object());
    auto r = run(args({"check", "qemu/base", dockerfile("base")}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base"}));
    EXPECT_EQ(r.out, "Image needs updating\n");
    EXPECT_EQ(r.status, 1);
}

TEST_P(Check, NeedsADockerfile) {
    setup("qemu/base", image(kBaseChecksum));
    auto r = run(args({"check", "--quiet", "qemu/base"}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base"}));
    EXPECT_EQ(r.out, "Need a dockerfile for tag:qemu/base\n");
    EXPECT_EQ(r.status, 1);
}

TEST_P(Check, MissingDockerfileIsAnError) {
    setup("qemu/base", image(kBaseChecksum));
    auto r = run(args({"check", "qemu/base", dockerfile("nope")}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base"}));
    EXPECT_EQ(r.out, "");
    ASSERT_EQ(r.err_lines().size(), 1u) << r.err; // D1
    EXPECT_TRUE(r.err.starts_with("qemu-docker: error: ")) << r.err;
    EXPECT_EQ(r.status, 1);
}

TEST_P(Check, UnreadableInspectOutputIsAnError) {
    sandbox(config(R"({"inspect": {"stdout": "not json\n"}})"_json));
    write_dockerfiles(sandbox());
    auto r = run(args({"check", "qemu/base", dockerfile("base")}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base"}));
    EXPECT_EQ(r.out, "");
    ASSERT_EQ(r.err_lines().size(), 1u) << r.err; // D1
    EXPECT_TRUE(r.err.starts_with("qemu-docker: error: cannot read the engine's description of "
                                  "qemu/base"))
        << r.err;
    EXPECT_EQ(r.status, 1);
}

TEST_P(Check, OldImage) {
    setup("qemu/debian-sid", image(kBaseChecksum, "2020-01-01T00:00:00.123456789Z"));
    auto r = run(args({"check", "--checktype=age", "qemu/debian-sid"}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/debian-sid"}));
    EXPECT_EQ(r.out, "Image created @ 2020-01-01T00:00:00 more than 60 minutes old\n");
    EXPECT_EQ(r.status, 1);
    // As QEMU's Makefile asks: any output means "rebuild".
    r = run(args({"check", "--checktype=age", "--olderthan=180", "--quiet", "qemu/debian-sid"}));
    EXPECT_EQ(r.out, "Image created @ 2020-01-01T00:00:00 more than 180 minutes old\n");
    EXPECT_EQ(r.status, 1);
}

TEST_P(Check, NewImage) {
    setup("qemu/debian-sid", image(kBaseChecksum, fake_engine::minutes_ago(10, ".5Z")));
    auto r = run(args({"check", "--checktype", "age", "qemu/debian-sid"}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/debian-sid"}));
    EXPECT_EQ(r.out, "Image less than 60 minutes old\n");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
    r = run(args({"check", "--checktype=age", "--olderthan=180", "--quiet", "qemu/debian-sid"}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Check, OlderThan) {
    std::string created = fake_engine::minutes_ago(10, ".123Z");
    setup("qemu/base", image(kBaseChecksum, created));
    auto r = run(args({"check", "--checktype=age", "--olderthan", "5", "qemu/base"}));
    EXPECT_EQ(r.out, "Image created @ " + created.substr(0, 19) + " more than 5 minutes old\n");
    EXPECT_EQ(r.status, 1);
    r = run(args({"check", "--checktype=age", "--olderthan=20", "qemu/base"}));
    EXPECT_EQ(r.lines(), probed_again({"inspect qemu/base"}));
    EXPECT_EQ(r.out, "Image less than 20 minutes old\n");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Check, OlderThanIsReadAsIntDoes) {
    // argparse's int(): "010" is ten minutes (not octal eight), "1_0" too.
    std::string created = fake_engine::minutes_ago(9, ".5Z");
    setup("qemu/base", image(kBaseChecksum, created));
    bool first = true;
    for (const char* limit : {"010", "1_0", " 10"}) {
        auto r = run(args({"check", "--checktype=age", "--olderthan", limit, "qemu/base"}));
        Lines calls = {"inspect qemu/base"};
        EXPECT_EQ(r.lines(), first ? probed(calls) : probed_again(calls)) << limit;
        first = false;
        EXPECT_EQ(r.out, "Image less than 10 minutes old\n") << limit;
        EXPECT_EQ(r.status, 0) << limit;
    }
    auto r = run(args({"check", "--checktype=age", "--olderthan", "0x10", "qemu/base"}));
    EXPECT_EQ(r.lines(), std::vector<std::string>{});
    EXPECT_EQ(r.err, "usage: qemu-docker [--engine {auto,docker,podman}] <subcommand> ...\n"
                     "qemu-docker: error: --olderthan: invalid int value: '0x10'\n");
    EXPECT_EQ(r.status, 2);
}

TEST_P(Check, AgeOfAnyRfc3339Time) {
    // D7: no fraction, or an offset, compared in UTC.
    std::string old_offset = fake_engine::minutes_ago(90, ".25+05:00", 5);
    struct {
        std::string created;
        std::string out;
    } cases[] = {
        {"2020-01-01T00:00:00Z", "Image created @ 2020-01-01T00:00:00Z more than 60 minutes old\n"},
        {fake_engine::minutes_ago(30, "Z"), "Image less than 60 minutes old\n"},
        {fake_engine::minutes_ago(30, "-02:00", -2), "Image less than 60 minutes old\n"},
        {fake_engine::minutes_ago(30, ".25+05:00", 5), "Image less than 60 minutes old\n"},
        {old_offset, "Image created @ " + old_offset.substr(0, 19) + " more than 60 minutes old\n"},
    };
    for (const auto& c : cases) {
        json cfg = config();
        cfg["images"]["qemu/base"] = image(kBaseChecksum, c.created);
        fake_engine::Sandbox fresh(cfg);
        Args argv = {qemu_docker()};
        for (const auto& a : args({"check", "--checktype=age", "qemu/base"}))
            argv.push_back(a);
        auto r = fresh.run(argv);
        EXPECT_EQ(r.out, c.out) << c.created;
        EXPECT_EQ(r.err, "") << c.created;
        EXPECT_EQ(r.status, c.out.starts_with("Image created") ? 1 : 0) << c.created;
    }
}

} // namespace
} // namespace conformance

namespace conformance {
namespace {

// check -e EXE answers as build -e EXE decides (D9): by the dockerfile's
// checksum and, where a binfmt_misc entry (or --skip-binfmt) makes build
// copy the executable, by the label of what it copies.
class CheckExecutable : public QemuDocker {
  protected:
    void SetUp() override {
        write_dockerfiles(sandbox(R"({"podman": {}})"_json));
        exe_ = sandbox().write("exe/qemu-test", "#!/bin/sh\necho 1\n").string();
        std::filesystem::permissions(exe_, std::filesystem::perms::owner_all);
    }
    Outcome check(const Args& more = {}) {
        Args a = {"check", "qemu/base", dockerfile("base")};
        a.insert(a.end(), more.begin(), more.end());
        return run(a);
    }
    Outcome build(const Args& more = {}) {
        Args a = {"build", "-t", "qemu/base", "-f", dockerfile("base"), "--quiet"};
        a.insert(a.end(), more.begin(), more.end());
        return run(a);
    }
    // Whether build would rebuild, from its calls.
    static bool rebuilt(const Outcome& r) { return r.calls.back().command() == "build"; }
    std::string exe_;
};

TEST_F(CheckExecutable, AgreesWithBuild) {
    const Args with_e = {"--skip-binfmt", "-e", exe_};
    ASSERT_TRUE(rebuilt(build(with_e)));
    auto r = check(with_e);
    Lines calls = {"podman inspect qemu/base"};
    if (probe_cache_off())
        calls.insert(calls.begin(), "podman version");
    EXPECT_EQ(r.lines(), calls);
    EXPECT_EQ(r.out, "Image is up to date\n");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
    EXPECT_FALSE(rebuilt(build(with_e)));

    sandbox().write("exe/qemu-test", "#!/bin/sh\necho 2\n"); // a new executable
    r = check(with_e);
    EXPECT_EQ(r.out, "Image needs updating\n");
    EXPECT_EQ(r.status, 1);
    // without -e, check and build only compare the dockerfile, as docker.py's
    r = check();
    EXPECT_EQ(r.out, "Image is up to date\n");
    EXPECT_FALSE(rebuilt(build()));
    EXPECT_TRUE(rebuilt(build(with_e)));
    EXPECT_EQ(check(with_e).out, "Image is up to date\n");
}

TEST_F(CheckExecutable, ImageWithoutTheLabelNeedsUpdating) {
    // As docker.py builds it: no com.qemu.include-executable-checksum.
    ASSERT_TRUE(rebuilt(build()));
    auto r = check({"--skip-binfmt", "--include-executable=" + exe_});
    EXPECT_EQ(r.out, "Image needs updating\n");
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(rebuilt(build({"--skip-binfmt", "-e", exe_})));
}

TEST_F(CheckExecutable, WithoutABinfmtEntryOnlyTheDockerfileCounts) {
    // build compares only the dockerfile then (D9), and so does check.
    auto other = sandbox().write("exe/qd-no-such-binfmt-entry", "#!/bin/sh\n").string();
    ASSERT_TRUE(rebuilt(build()));
    auto r = check({"-e", other});
    EXPECT_EQ(r.out, "Image is up to date\n");
    EXPECT_EQ(r.status, 0);
    EXPECT_FALSE(rebuilt(build({"-e", other})));
}

TEST_F(CheckExecutable, MissingExecutableIsAnError) {
    auto r = check({"-e", "/nope"});
    EXPECT_EQ(r.err, "qemu-docker: error: --include-executable /nope: no such file\n");
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.lines(), Lines{});
}

} // namespace
} // namespace conformance
