// build: the up-to-date check, the generated dockerfile and build context
// (as the stand-in recorded them), the .pre script, -e, --extra-files,
// --registry, BuildKit (D6), and the context removed on every path (D4).
#include "fixture.h"
#include "precondition.h"

#include <csignal>
#include <filesystem>
#include <pwd.h>
#include <thread>
#include <unistd.h>

namespace conformance {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The generated dockerfile: TEXT, then the checksum label and EXTRA lines.
std::string generated(const std::string& text, const std::string& checksum,
                      const std::string& extra = "") {
    return text + "\nLABEL com.qemu.dockerfile-checksum=" + checksum + "\n" + extra;
}

const char* const kScript = "#!/bin/sh\necho emulated\n";
const char* const kScriptSha1 = "80f753344c602131f8dea7ebd1dea92ae344881a";

class Build : public EachEngine {
  protected:
    // A sandbox with RESPONSES for the engine and the test dockerfiles.
    fake_engine::Sandbox& setup(const json& responses = json::object()) {
        auto& sb = sandbox(config(responses));
        write_dockerfiles(sb);
        return sb;
    }
    Args build_base(const Args& more = {}) {
        Args a = args({"build", "-t", "qemu/base", "-f", dockerfile("base")});
        a.insert(a.end(), more.begin(), more.end());
        return a;
    }
    // An executable script at ROOT/exe/NAME.
    std::string executable(const std::string& name, const std::string& text = kScript) {
        auto path = sandbox().write("exe/" + name, text);
        fs::permissions(path,
                        fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
        return path.string();
    }
    const fake_engine::Call& last(const Outcome& r) {
        EXPECT_FALSE(r.calls.empty());
        return r.calls.back();
    }
};
QD_EACH_ENGINE(Build);

TEST_P(Build, FromAGeneratedDockerfile) {
    setup(R"({"build": {"stdout": "STEP 1/2\n"}})"_json);
    auto r = run(build_base());
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base", build("qemu/base")}));
    EXPECT_EQ(last(r).dockerfile(), generated(kBaseDockerfile, kBaseChecksum));
    EXPECT_EQ(last(r).files(), Lines{});
    EXPECT_EQ(last(r).env, buildkit_env());
    EXPECT_EQ(r.out, "STEP 1/2\n");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
    EXPECT_TRUE(tmpdir_empty(sandbox()));
}

TEST_P(Build, TmpdirMissingOrUnusable) {
    // As Python's tempfile: $TMPDIR, $TEMP, $TMP, /tmp, ..., each tried by
    // writing a file there; here $TMP is the first that works.
    auto& sb = setup(R"({"build": {"store": false}})"_json);
    fs::path file = sb.write("a-file", "x");
    bool first = true;
    for (fs::path unusable : {sb.root() / "missing", file, file / "sub"}) {
        RunOptions options;
        options.env = {{"TMPDIR", unusable.string()}, {"TMP", (sb.root() / "tmp").string()}};
        auto r = run(build_base(), options);
        Lines calls = {"inspect qemu/base", build("qemu/base")};
        EXPECT_EQ(r.lines(), first ? probed(calls) : probed_again(calls)) << unusable;
        first = false;
        EXPECT_EQ(r.err, "");
        EXPECT_EQ(r.status, 0);
        EXPECT_TRUE(tmpdir_empty(sb));
    }
    EXPECT_FALSE(fs::exists(sb.root() / "missing"));
    EXPECT_TRUE(fs::is_regular_file(file));
}

TEST_P(Build, UpToDate) {
    json c = config();
    c["images"]["qemu/base"] = image(kBaseChecksum);
    sandbox(c);
    write_dockerfiles(sandbox());
    auto r = run(build_base());
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base"}));
    EXPECT_EQ(r.out, "Image is up to date.\n");
    EXPECT_EQ(r.status, 0);
    r = run(build_base({"--quiet"}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Build, SecondBuildIsUpToDate) {
    setup();
    auto r = run(build_base());
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base", build("qemu/base")}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.status, 0);
    r = run(build_base());
    EXPECT_EQ(r.lines(), probed_again({"inspect qemu/base"}));
    EXPECT_EQ(r.out, "Image is up to date.\n");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Build, StaleImageIsRebuilt) {
    json c = config();
    c["images"]["qemu/base"] = image("0123456789012345678901234567890123456789");
    sandbox(c);
    write_dockerfiles(sandbox());
    auto r = run(build_base());
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base", build("qemu/base")}));
    EXPECT_EQ(last(r).dockerfile(), generated(kBaseDockerfile, kBaseChecksum));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Build, NoCacheSkipsTheCheckAndPassesThrough) {
    json c = config();
    c["images"]["qemu/base"] = image(kBaseChecksum);
    sandbox(c);
    write_dockerfiles(sandbox());
    auto r = run(build_base({"--no-cache"}));
    EXPECT_EQ(r.lines(), probed({build("qemu/base", "--no-cache")}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Build, EngineArgumentsPassThroughInOrder) {
    setup();
    auto r = run(args({"--pull", "build", "--build-arg", "A=1", "-t", "qemu/base", "--label=x",
                       "-f", dockerfile("base"), "--quiet"}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base",
                                 build("qemu/base", "--pull --build-arg A=1 --label=x")}));
    EXPECT_EQ(r.status, 0);
}

TEST_P(Build, ProxiesBecomeBuildArgs) {
    setup();
    fake_engine::RunOptions o;
    o.env = {{"http_proxy", "http://proxy:3128"}, {"HTTPS_PROXY", "http://p2"}, {"no_proxy", "x"}};
    auto r = run(build_base({"--no-cache"}), o);
    EXPECT_EQ(r.lines(), probed({build("qemu/base", "--no-cache --build-arg=https_proxy=http://p2 "
                                                    "--build-arg=http_proxy=http://proxy:3128")}));
}

TEST_P(Build, QuietHidesTheBuildOutput) {
    setup(R"({"build": {"stdout": "STEP 1/2\n", "stderr": "warning\n"}})"_json);
    auto r = run(build_base({"--quiet"}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base", build("qemu/base")}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "warning\n");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Build, AddCurrentUser) {
    const passwd* pw = ::getpwuid(::getuid());
    if (!pw)
        PRECONDITION_MISSING("the current uid has no passwd entry (D10 is unit-tested)");
    setup();
    std::string name = pw->pw_name, uid = std::to_string(::getuid());
    bool first = true;
    for (const char* option : {"-u", "--add-current-user", "--add"}) {
        auto r = run(build_base({option, "--no-cache"}));
        Lines calls = {build("qemu/base", "--no-cache")};
        EXPECT_EQ(r.lines(), first ? probed(calls) : probed_again(calls)) << option;
        first = false;
        EXPECT_EQ(r.status, 0) << option;
        EXPECT_EQ(last(r).dockerfile(),
                  generated(std::string(kBaseDockerfile) + "\nRUN id " + name +
                                " 2>/dev/null || useradd -u " + uid + " -U " + name,
                            kBaseChecksum))
            << option;
    }
}

TEST_P(Build, ParentsAreInlinedInTheChecksum) {
    setup();
    auto r = run(args({"build", "-t", "qemu/child", "-f", dockerfile("child")}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/child", build("qemu/child")}));
    EXPECT_EQ(last(r).dockerfile(), generated(kChildDockerfile, kChildChecksum));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Build, MissingParentIsAnError) {
    auto& sb = sandbox(config());
    sb.write("dockerfiles/child.docker", kChildDockerfile);
    auto r = run(args({"build", "-t", "qemu/child", "-f", dockerfile("child")}));
    ASSERT_EQ(r.err_lines().size(), 1u) << r.err; // D1
    EXPECT_TRUE(r.err.starts_with("qemu-docker: error: ")) << r.err;
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.engine_lines(), Lines{});
}

TEST_P(Build, ExtraFilesAreCopiedAndLabelled) {
    auto& sb = setup();
    sb.write("work/a.txt", "alpha\n");
    sb.write("work/sub/b.bin", "beta");
    auto r = run(build_base({"--extra-files", "a.txt", "sub/b.bin", "--no-cache"}));
    EXPECT_EQ(r.lines(), probed({build("qemu/base", "--no-cache")}));
    EXPECT_EQ(last(r).files(), (Lines{"a.txt 6 d046cd9b7ffb7661e449683313d41f6fc33e3130",
                                      "b.bin 4 a295e0bdde1938d1fbfd343e5a3e569e868e1465"}));
    EXPECT_EQ(
        last(r).dockerfile(),
        generated(kBaseDockerfile, kBaseChecksum,
                  "LABEL com.qemu.a.txt-checksum=d046cd9b7ffb7661e449683313d41f6fc33e3130\n"
                  "LABEL com.qemu.sub/b.bin-checksum=a295e0bdde1938d1fbfd343e5a3e569e868e1465\n"));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Build, ExtraFileNameThatWouldBreakTheLabelIsRefused) {
    // D8: refused before anything runs, on one line, the name escaped.
    auto& sb = setup();
    const struct {
        const char* name;
        const char* shown;
    } cases[] = {{"a b", "a b"},
                 {"a=b", "a=b"},
                 {"a\"b", "a\\\"b"},
                 {"a$b", "a$b"},
                 {"a\\b", "a\\\\b"},
                 {"a\nLABEL x=y", "a\\nLABEL x=y"},
                 {"a\u00a0b", "a\\xa0b"},   // Unicode whitespace: no-break space,
                 {"a\u3000b", "a\\u3000b"}, // ideographic space
                 {"a\u0085b", "a\\x85b"}};
    for (const auto& c : cases) {
        sb.write(std::string("work/") + c.name, "x");
        auto r = run(build_base({"--extra-files", c.name}));
        EXPECT_EQ(r.status, 1) << c.name;
        EXPECT_EQ(r.err, std::string("qemu-docker: error: --extra-files name \"") + c.shown +
                             "\" cannot be written into a LABEL line (whitespace, quotes, '=', "
                             "'$', '\\' and control characters are refused)\n");
        EXPECT_EQ(r.lines(), Lines{}) << c.name;
    }
}

TEST_P(Build, MissingInputsAreErrors) {
    // D1: one line, exit 1, nothing run.
    setup();
    struct {
        Args args;
        std::string error;
    } cases[] = {
        {{"build", "-f", dockerfile("base")}, "build needs the image's tag: -t TAG"},
        {{"build", "-t", "qemu/base"}, "build needs a dockerfile: -f DOCKERFILE"},
        {{"build", "-t", "qemu/base", "-f", dockerfile("base"), "--extra-files", "nope"},
         "--extra-files nope: no such file"},
        {{"build", "-t", "qemu/base", "-f", dockerfile("base"), "-e", "/nope"},
         "--include-executable /nope: no such file"},
    };
    for (const auto& c : cases) {
        auto r = run(args(c.args));
        EXPECT_EQ(r.err, "qemu-docker: error: " + c.error + "\n");
        EXPECT_EQ(r.status, 1);
        EXPECT_EQ(r.lines(), Lines{});
    }
    auto r = run(args({"build", "-t", "qemu/base", "-f", dockerfile("nope")}));
    EXPECT_EQ(r.err_lines().size(), 1u) << r.err;
    EXPECT_TRUE(r.err.starts_with("qemu-docker: error: ")) << r.err;
    EXPECT_EQ(r.status, 1);
}

TEST_P(Build, EngineFailure) {
    // D1 and D4: one line, exit 1, the context removed.
    setup(R"({"build": {"exit": 2, "stderr": "Error: step failed\n"}})"_json);
    auto r = run(build_base());
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base", build("qemu/base")}));
    EXPECT_EQ(r.err, "Error: step failed\nqemu-docker: error: building qemu/base failed: the "
                     "engine's build exited with status 2\n");
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(tmpdir_empty(sandbox()));
}

// ---- the .pre script beside the dockerfile, run in the context ----

class BuildPre : public Build {
  protected:
    void pre(const std::string& body) {
        auto path = sandbox().write("dockerfiles/base.pre", "#!/bin/sh\n" + body);
        fs::permissions(path, fs::perms::owner_all);
    }
};
QD_EACH_ENGINE(BuildPre);

TEST_P(BuildPre, RunsInTheContext) {
    setup();
    pre("echo pre running\necho made > made-by-pre\n");
    auto r = run(build_base());
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base", build("qemu/base")}));
    EXPECT_EQ(last(r).files(), Lines{"made-by-pre 5 c924b71ea6613bd011834f42d0b441afadffaa30"});
    EXPECT_EQ(r.out, "pre running\n");
    EXPECT_EQ(r.status, 0);
    EXPECT_TRUE(tmpdir_empty(sandbox()));
}

TEST_P(BuildPre, QuietHidesItsStdout) {
    setup();
    pre("echo pre running\necho warning >&2\n");
    auto r = run(build_base({"--quiet"}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base", build("qemu/base")}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "warning\n");
    EXPECT_EQ(r.status, 0);
}

TEST_P(BuildPre, ExitThreeSkips) {
    setup();
    pre("exit 3\n");
    auto r = run(build_base());
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base"}));
    EXPECT_EQ(r.out, "Skip\n");
    EXPECT_EQ(r.status, 0);
    EXPECT_TRUE(tmpdir_empty(sandbox())); // D4
}

TEST_P(BuildPre, FailureStops) {
    setup();
    pre("exit 5\n");
    auto r = run(build_base({"--quiet"}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base"}));
    EXPECT_EQ(r.out, "<tmp>/dockerfiles/base.pre exited with code 5\n");
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(tmpdir_empty(sandbox())); // D4
}

TEST_P(BuildPre, KilledBySignalStops) {
    // As docker.py: subprocess.call's negative return code.
    setup();
    pre("kill -KILL $$\n");
    auto r = run(build_base());
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base"}));
    EXPECT_EQ(r.out, "<tmp>/dockerfiles/base.pre exited with code -9\n");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(tmpdir_empty(sandbox())); // D4
}

TEST_P(BuildPre, NotExecutableIsAnError) {
    // D1: docker.py dies with a PermissionError traceback.
    setup();
    sandbox().write("dockerfiles/base.pre", "#!/bin/sh\necho never\n");
    auto r = run(build_base());
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base"}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "qemu-docker: error: cannot run <tmp>/dockerfiles/base.pre: Permission "
                     "denied\n");
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(tmpdir_empty(sandbox())); // D4
}

// ---- --registry: parents pulled, FROM rewritten, cache from REG/TAG ----

TEST_P(Build, RegistryCachesWhenEveryParentPulls) {
    setup(R"({"pull": {"stdout": "pulled\n"}})"_json);
    auto r = run(args(
        {"build", "-t", "qemu/child", "-f", dockerfile("child"), "--registry", "reg.io/qemu"}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/child", "pull reg.io/qemu/qemu/base",
                                 "pull reg.io/qemu/qemu/child",
                                 build("qemu/child", "--cache-from reg.io/qemu/qemu/child")}));
    EXPECT_EQ(last(r).dockerfile(),
              generated("FROM reg.io/qemu/qemu/base\nRUN echo child\n", kChildChecksum));
    EXPECT_EQ(r.out, "pulled\npulled\n");
}

TEST_P(Build, RegistryUnusedWhenAParentFailsToPull) {
    setup(
        R"({"pull": {"by_arg": {"reg/qemu/base": {"exit": 1, "stderr": "Error: denied\n"}}}})"_json);
    auto r = run(args({"build", "-t", "qemu/child", "-f", dockerfile("child"), "-r", "reg"}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/child", "pull reg/qemu/base", build("qemu/child")}));
    EXPECT_EQ(last(r).dockerfile(), generated(kChildDockerfile, kChildChecksum));
    EXPECT_EQ(r.err, "Error: denied\n");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Build, RegistryWithoutParents) {
    setup(R"({"pull": {"exit": 1}})"_json);
    auto r = run(build_base({"--registry=reg", "--quiet"}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base", "pull reg/qemu/base",
                                 build("qemu/base", "--cache-from reg/qemu/base")}));
    EXPECT_EQ(last(r).dockerfile(), generated(kBaseDockerfile, kBaseChecksum));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.status, 0); // the image's own pull may fail
}

// ---- -e/--include-executable ----

TEST_P(Build, ExecutableWithSkipBinfmtGoesWhereItIs) {
    setup();
    std::string exe = executable("qemu-test");
    auto r = run(build_base({"--skip-binfmt", "-e", exe}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base", build("qemu/base")}));
    EXPECT_EQ(last(r).files(), Lines{"<tmp>/exe/qemu-test 24 " + std::string(kScriptSha1)});
    EXPECT_EQ(r.out, "<tmp>/exe/qemu-test had no associated libraries (static build?)\n");
    EXPECT_EQ(r.err, "\tnot a dynamic executable\n"); // ldd's
    EXPECT_EQ(r.status, 0);
}

TEST_P(Build, ExecutableLabelRebuildsWhenItChanges) {
    // D9: the image carries a checksum of what -e copies.
    setup();
    std::string exe = executable("qemu-test");
    auto r = run(build_base({"--skip-binfmt", "--include-executable=" + exe}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base", build("qemu/base")}));
    EXPECT_EQ(r.status, 0);
    std::string df = last(r).dockerfile();
    std::string label = "LABEL com.qemu.include-executable-checksum=";
    auto at = df.find(label);
    ASSERT_NE(at, std::string::npos) << df;
    EXPECT_EQ(df.substr(0, at), generated(kBaseDockerfile, kBaseChecksum));
    EXPECT_EQ(df.size(), at + label.size() + 41) << df;
    r = run(build_base({"--skip-binfmt", "-e", exe}));
    EXPECT_EQ(r.lines(), probed_again({"inspect qemu/base"}));
    EXPECT_EQ(r.out, "Image is up to date.\n");
    executable("qemu-test", "#!/bin/sh\necho changed\n");
    r = run(build_base({"--skip-binfmt", "-e", exe}));
    EXPECT_EQ(r.lines(), probed_again({"inspect qemu/base", build("qemu/base")}));
    EXPECT_EQ(r.status, 0);
}

TEST_P(Build, ExecutableUpToDateShowsNothingOfLdd) {
    // D9 runs ldd before the up-to-date check; docker.py runs none there,
    // so its complaints ("not a dynamic executable") wait for a real build.
    setup();
    std::string exe = executable("qemu-test");
    auto r = run(build_base({"--skip-binfmt", "-e", exe}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base", build("qemu/base")}));
    EXPECT_EQ(r.err, "\tnot a dynamic executable\n"); // shown by the real build
    EXPECT_EQ(r.status, 0);
    r = run(build_base({"--skip-binfmt", "-e", exe}));
    EXPECT_EQ(r.lines(), probed_again({"inspect qemu/base"}));
    EXPECT_EQ(r.out, "Image is up to date.\n");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Build, ExecutableWithoutBinfmtEntryStops) {
    setup();
    std::string exe = executable("qd-no-such-binfmt-entry");
    auto r = run(build_base({"-e", exe}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base"}));
    EXPECT_EQ(r.out, "No binfmt_misc entry for qd-no-such-binfmt-entry\n");
    EXPECT_EQ(r.err, ""); // docker.py runs no ldd here, so shows none of its complaints
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(tmpdir_empty(sandbox())); // D4
}

TEST_P(Build, ExecutableUnderAPersistentBinfmtEntry) {
    if (!fake_engine::persistent_binfmt_entry("qemu-aarch64"))
        PRECONDITION_MISSING("needs a qemu-aarch64 binfmt_misc entry with the F flag");
    setup();
    std::string exe = executable("qemu-aarch64");
    auto r = run(build_base({"-e", exe}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base", build("qemu/base")}));
    EXPECT_EQ(last(r).files(), Lines{});
    EXPECT_EQ(r.out, "binfmt_misc for qemu-aarch64 uses persistent(F) mapping to host binary\n"
                     "only copying support libraries for <tmp>/exe/qemu-aarch64\n"
                     "<tmp>/exe/qemu-aarch64 had no associated libraries (static build?)\n");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Build, ExecutableLibrariesAreCopiedResolved) {
    setup();
    std::string exe = (sandbox().root() / "exe-true").string();
    fs::copy_file("/bin/true", exe);
    auto r = run(build_base({"--skip-binfmt", "-e", exe}));
    EXPECT_EQ(r.lines(), probed({"inspect qemu/base", build("qemu/base")}));
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
    auto files = last(r).files();
    ASSERT_FALSE(files.empty());
    bool libc = false, self = false;
    for (const auto& f : files) {
        libc = libc || f.find("/libc.so.6 ") != std::string::npos;
        self = self || f.starts_with("<tmp>/exe-true ");
        EXPECT_EQ(f.find(" -> "), std::string::npos) << "a symlink in the context: " << f;
    }
    EXPECT_TRUE(libc && self) << testing::PrintToString(files);
}

// ---- BuildKit (D6): docker only, where the client can ----

class BuildKit : public QemuDocker {
  protected:
    Outcome build_with(const json& docker, const RunOptions& options = {}) {
        json c = {{"docker", docker}};
        sandbox(c);
        write_dockerfiles(sandbox());
        return run({"build", "-t", "qemu/base", "-f", dockerfile("base"), "--no-cache"}, options);
    }
    static constexpr const char* kInline = "--build-arg BUILDKIT_INLINE_CACHE=1 ";
    static std::string docker_version(const std::string& version) {
        return "Client: Docker Engine - Community\n Version:           " + version +
               "\n API version:       1.48\n\nServer: Docker Engine - Community\n Engine:\n  "
               "Version:          20.10.24\n";
    }
};

TEST_F(BuildKit, Docker28WithoutBuildxBuildsClassic) {
    json docker = {
        {"version", {{"stdout", docker_version("28.0.1")}}},
        {"buildx", {{"exit", 1}, {"stderr", "docker: 'buildx' is not a docker command.\n"}}}};
    auto r = build_with(docker);
    EXPECT_EQ(r.lines(), (Lines{"docker version", "docker buildx version",
                                "docker build -t qemu/base -f <context>/<dockerfile> --no-cache "
                                "<context>"}));
    EXPECT_EQ(r.calls.back().env, (std::map<std::string, std::string>{{"DOCKER_BUILDKIT", "0"}}));
    EXPECT_EQ(r.err, "qemu-docker: docker 28 has no buildx plugin; building with the classic "
                     "builder\n");
}

TEST_F(BuildKit, ClassicEvenWithAnInheritedDockerBuildkit) {
    // CI often exports DOCKER_BUILDKIT=1, with which this client fails too.
    json docker = {{"version", {{"stdout", docker_version("28.0.1")}}}, {"buildx", {{"exit", 1}}}};
    auto r = build_with(docker, RunOptions::with_env("DOCKER_BUILDKIT", "1"));
    EXPECT_EQ(r.lines(), (Lines{"docker version", "docker buildx version",
                                "docker build -t qemu/base -f <context>/<dockerfile> --no-cache "
                                "<context>"}));
    EXPECT_EQ(r.calls.back().env, (std::map<std::string, std::string>{{"DOCKER_BUILDKIT", "0"}}));
    EXPECT_EQ(r.status, 0);
    auto u = run({"update", "qemu/base"}, RunOptions::with_env("DOCKER_BUILDKIT", "1"));
    // With the probe cache, the answers of `version` and `buildx version` are kept.
    Lines update_calls = {"docker build -t qemu/base -"};
    if (probe_cache_off())
        update_calls = {"docker version", "docker buildx version", "docker build -t qemu/base -"};
    EXPECT_EQ(u.lines(), update_calls);
    EXPECT_EQ(u.calls.back().env, (std::map<std::string, std::string>{{"DOCKER_BUILDKIT", "0"}}));
    EXPECT_EQ(u.status, 0);
}

TEST_F(BuildKit, Docker28WithBuildx) {
    auto r = build_with({{"version", {{"stdout", docker_version("28.0.1")}}}});
    EXPECT_EQ(r.lines(),
              (Lines{"docker version", "docker buildx version",
                     std::string("docker build -t qemu/base -f <context>/<dockerfile> ") + kInline +
                         "--no-cache <context>"}));
    EXPECT_EQ(r.calls.back().env, (std::map<std::string, std::string>{{"DOCKER_BUILDKIT", "1"}}));
    EXPECT_EQ(r.err, "");
}

TEST_F(BuildKit, Docker20HasItBuiltIn) {
    auto r = build_with({{"version", {{"stdout", docker_version("20.10.24+dfsg1")}}}});
    EXPECT_EQ(r.lines(),
              (Lines{"docker version",
                     std::string("docker build -t qemu/base -f <context>/<dockerfile> ") + kInline +
                         "--no-cache <context>"}));
    EXPECT_EQ(r.calls.back().env, (std::map<std::string, std::string>{{"DOCKER_BUILDKIT", "1"}}));
}

TEST_F(BuildKit, NotOnTravisOrGitlab) {
    for (const char* ci : {"TRAVIS", "GITLAB_CI"}) {
        auto r = build_with(json::object(), RunOptions::with_env(ci, "true"));
        EXPECT_EQ(r.calls.back().line(),
                  "docker build -t qemu/base -f <context>/<dockerfile> --no-cache <context>");
        EXPECT_EQ(r.calls.back().env.count("DOCKER_BUILDKIT"), 0u) << ci;
    }
}

} // namespace
} // namespace conformance
