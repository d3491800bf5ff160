// build through the reference and through qemu-docker: the same calls, the
// same generated dockerfile and build context, output and status, but for
// D1, D4, D6, D8, D9 and D11, each named where it is allowed.
#include "precondition.h"
#include "reference.h"

#include <algorithm>
#include <filesystem>

namespace differential {
namespace {

namespace fs = std::filesystem;

Args build(const std::string& tag, const std::string& name, const Args& more = {}) {
    Args a = {"build", "-t", tag, "-f", "../dockerfiles/" + name + ".docker"};
    a.insert(a.end(), more.begin(), more.end());
    return a;
}

const char* const kScript = "#!/bin/sh\necho emulated\n";
const char* const kPre = "#!/bin/sh\necho pre running\necho made > made-by-pre\n";

// An ldd (first on PATH) naming ROOT/libs/liba.so, and a .pre that makes
// ROOT/libs in the context a symlink to TARGET (S is the sandbox root), and
// ROOT/usr/libs and ROOT/outside in the context directories.
const char* const kLdd = "#!/bin/sh\nS=$(cd \"$(dirname \"$0\")/..\" && pwd)\n"
                         "printf '\\tliba.so => %s/libs/liba.so (0x00007f0000001000)\\n' \"$S\"\n";
std::string pre_linking_libs(const std::string& target) {
    return "#!/bin/sh\nset -e\nS=$(cd \"$(dirname \"$0\")/..\" && pwd)\nmkdir -p \".$S/usr/libs\" "
           "\".$S/outside\"\n"
           "ln -s \"" +
           target + "\" \".$S/libs\"\n";
}

const std::vector<Case>& build_cases() {
    static const json none = json::object();
    static const json built = R"({"build": {"stdout": "STEP 1/2\n"}})"_json;
    static const std::vector<Case> cases = {
        Case("Plain", built, build("qemu/plain", "plain")).with_dockerfiles(),
        Case("NewlinesAndComments", built, build("qemu/base", "base")).with_dockerfiles(),
        Case("ParentInlined", none, build("qemu/child", "child")).with_dockerfiles(),
        Case("DebianUserParent", none, build("qemu/user", "user")).with_dockerfiles(),
        Case("UpToDate", none, build("qemu/plain", "plain"))
            .with_dockerfiles()
            .with_top({{"images", {{"qemu/plain", image(kPlainChecksum)}}}}),
        Case("UpToDateQuiet", none, build("qemu/plain", "plain", {"--quiet"}))
            .with_dockerfiles()
            .with_top({{"images", {{"qemu/plain", image(kPlainChecksum)}}}}),
        Case("UpToDateTagWithLatest", none, build("qemu/plain:latest", "plain"))
            .with_dockerfiles()
            .with_top({{"images", {{"qemu/plain", image(kPlainChecksum)}}}}),
        Case("StaleImage", none, build("qemu/plain", "plain"))
            .with_dockerfiles()
            .with_top({{"images", {{"qemu/plain", image(kUserChecksum)}}}}),
        Case("NoCacheRebuildsAnyway", none, build("qemu/plain", "plain", {"--no-cache"}))
            .with_dockerfiles()
            .with_top({{"images", {{"qemu/plain", image(kPlainChecksum)}}}}),
        Case("EngineArgumentsInOrder", none,
             {"--pull", "build", "--build-arg", "A=1", "-t", "qemu/base", "--label=x", "-f",
              "../dockerfiles/base.docker", "--quiet"})
            .with_dockerfiles(),
        Case("Proxies", none, build("qemu/base", "base", {"--no-cache"}))
            .with_dockerfiles()
            .with_env("http_proxy", "http://proxy:3128")
            .with_env("HTTPS_PROXY", "http://p2")
            .with_env("Ftp_Proxy", "ftp://p3")
            .with_env("no_proxy", "localhost"),
        Case("Quiet", R"({"build": {"stdout": "STEP\n", "stderr": "warning\n"}})"_json,
             build("qemu/base", "base", {"--quiet"}))
            .with_dockerfiles(),
        Case("AddCurrentUser", none, build("qemu/base", "base", {"-u"})).with_dockerfiles(),
        Case("AddCurrentUserLong", none, build("qemu/child", "child", {"--add-current-user"}))
            .with_dockerfiles(),
        Case("AddCurrentUserAbbreviated", none, build("qemu/base", "base", {"--add"}))
            .with_dockerfiles(),
        Case("ExtraFiles", none,
             build("qemu/base", "base", {"--extra-files", "a.txt", "sub/b.bin", "--no-cache"}))
            .with_dockerfiles()
            .with_file("work/a.txt", "alpha\n")
            .with_file("work/sub/b.bin", "beta"),
        Case("ExtraFilesEqualsForm", none,
             build("qemu/base", "base", {"--extra-files=a.txt", "--extra-files", "sub/b.bin"}))
            .with_dockerfiles()
            .with_file("work/a.txt", "alpha\n")
            .with_file("work/sub/b.bin", "beta"),
        Case("ExtraFileByAbsolutePath", none,
             build("qemu/base", "base", {"--extra-files", "<root>/work/a.txt"}))
            .with_dockerfiles()
            .with_file("work/a.txt", "alpha\n"),
        Case("RegistryParentsPulled", R"({"pull": {"stdout": "pulled\n"}})"_json,
             build("qemu/child", "child", {"--registry", "reg.io/qemu"}))
            .with_dockerfiles(),
        Case("RegistryParentPullFails",
             R"({"pull": {"by_arg": {"reg/qemu/base": {"exit": 1, "stderr": "denied\n"}}}})"_json,
             build("qemu/child", "child", {"-r", "reg"}))
            .with_dockerfiles(),
        Case("RegistryWithoutParents", R"({"pull": {"exit": 1, "stdout": "x\n"}})"_json,
             build("qemu/base", "base", {"--registry=reg", "--quiet"}))
            .with_dockerfiles(),
        Case("RegistryFindsParentsAnywhere", none,
             build("qemu/anywhere", "anywhere", {"--registry", "reg"}))
            .with_dockerfiles(),
        Case("RegistryDebianUser", none, build("qemu/user", "user", {"-r", "reg"}))
            .with_dockerfiles(),
        Case("PreScript", none, build("qemu/base", "base"))
            .with_dockerfiles()
            .with_file("dockerfiles/base.pre", kPre),
        Case("PreScriptQuiet", none, build("qemu/base", "base", {"--quiet"}))
            .with_dockerfiles()
            .with_file("dockerfiles/base.pre", kPre),
        Case("PreScriptSkips", none, build("qemu/base", "base"))
            .with_dockerfiles()
            .with_file("dockerfiles/base.pre", "#!/bin/sh\necho skipping\nexit 3\n"),
        Case("PreScriptKilled", none, build("qemu/base", "base"))
            .with_dockerfiles()
            .with_file("dockerfiles/base.pre", "#!/bin/sh\nkill -KILL $$\n"),
        Case("ExecutableSkipBinfmt", none,
             build("qemu/base", "base", {"--skip-binfmt", "-e", "<root>/exe/qemu-test"}))
            .with_dockerfiles()
            .with_file("exe/qemu-test", kScript)
            .allowing_d9(),
        Case("ExecutableWithLibraries", none,
             build("qemu/base", "base", {"--skip-binfmt", "--include-executable=<root>/exe/true"}))
            .with_dockerfiles()
            .with_copy("exe/true", "/bin/true")
            .allowing_d9(),
        // tempfile's fallback: $TMPDIR, $TEMP, $TMP, ... (relative to the
        // work directory here), each tried by writing a file there.
        Case("TmpdirMissing", none, build("qemu/base", "base"))
            .with_dockerfiles()
            .with_env("TMPDIR", "../missing")
            .with_env("TMP", "../tmp"),
        Case("TmpdirAFileTempUnderAFile", none, build("qemu/base", "base"))
            .with_dockerfiles()
            .with_file("a-file", "x")
            .with_env("TMPDIR", "../a-file")
            .with_env("TEMP", "../a-file/sub")
            .with_env("TMP", "../tmp/"),
        Case("ExecutableThroughMergedUsr", none,
             build("qemu/base", "base", {"--skip-binfmt", "-e", "<root>/exe/qemu-test"}))
            .with_dockerfiles()
            .with_file("exe/qemu-test", kScript)
            .with_file("bin/ldd", kLdd)
            .with_file("libs/liba.so", "liba\n")
            .with_file("dockerfiles/base.pre", pre_linking_libs("usr/libs"))
            .allowing_d9(),
        Case("NotOnTravis", none, build("qemu/base", "base"))
            .with_dockerfiles()
            .with_env("TRAVIS", "true"),
        Case("NotOnGitlab", none, build("qemu/base", "base"))
            .with_dockerfiles()
            .with_env("GITLAB_CI", "1"),
    };
    return cases;
}

class Build : public EachCase {};

INSTANTIATE_TEST_SUITE_P(Cases, Build, over_engines(build_cases()), case_engine_name);

TEST_P(Build, Same) {
    const auto& [c, engine] = GetParam();
    auto b = both(c, engine);
    if (c.d9)
        allow_d9_executable_label(b);
    expect_same(b);
    EXPECT_FALSE(context_left(qd_sandbox()));
}

// Differences allowed under each engine.
class BuildAllowed : public EachEngine {
  protected:
    Both build_case(Case c) { return both(c.with_dockerfiles(), GetParam()); }
};

INSTANTIATE_TEST_SUITE_P(Engines, BuildAllowed, testing::ValuesIn(engines()), engine_name);

TEST_P(BuildAllowed, D4_PreScriptFailure) {
    auto b = build_case(Case("", json::object(), build("qemu/base", "base", {"--quiet"}))
                            .with_file("dockerfiles/base.pre", "#!/bin/sh\nexit 5\n"));
    expect_same(b);
    EXPECT_EQ(b.qd.out, "../dockerfiles/base.pre exited with code 5\n");
    EXPECT_TRUE(context_left(ref_sandbox()));
    EXPECT_FALSE(context_left(qd_sandbox()));
}

TEST_P(BuildAllowed, D4_NoBinfmtEntry) {
    auto b = build_case(
        Case("", json::object(), build("qemu/base", "base", {"-e", "<root>/exe/qd-no-such-entry"}))
            .with_file("exe/qd-no-such-entry", kScript));
    expect_same(b);
    EXPECT_EQ(b.qd.out, "No binfmt_misc entry for qd-no-such-entry\n");
    EXPECT_EQ(b.qd.status, 1);
    EXPECT_TRUE(context_left(ref_sandbox()));
    EXPECT_FALSE(context_left(qd_sandbox()));
}

TEST_P(BuildAllowed, D1_D4_EngineBuildFailure) {
    auto b = build_case(Case("", R"({"build": {"exit": 2, "stderr": "Error: step failed\n"}})"_json,
                             build("qemu/base", "base")));
    expect_same_calls(b);
    EXPECT_EQ(b.qd.out, b.ref.out);
    EXPECT_EQ(b.ref.status, 1);
    EXPECT_EQ(b.qd.status, 1);
    EXPECT_TRUE(has_traceback(b.ref));
    EXPECT_EQ(b.qd.err, "Error: step failed\nqemu-docker: error: building qemu/base failed: the "
                        "engine's build exited with status 2\n");
    EXPECT_TRUE(context_left(ref_sandbox()));
    EXPECT_FALSE(context_left(qd_sandbox()));
}

// D1: where docker.py dies with a traceback, one line and exit 1.
void expect_d1(const Both& b) {
    EXPECT_TRUE(has_traceback(b.ref)) << b.ref.err;
    EXPECT_EQ(b.ref.status, 1);
    EXPECT_EQ(b.qd.status, 1);
    ASSERT_EQ(b.qd.err_lines().size(), 1u) << b.qd.err;
    EXPECT_TRUE(b.qd.err.starts_with("qemu-docker: error: ")) << b.qd.err;
    EXPECT_FALSE(has_traceback(b.qd));
}

TEST_P(BuildAllowed, D1_MissingInputs) {
    for (Args args :
         {Args{"build", "-f", "../dockerfiles/base.docker"}, Args{"build", "-t", "qemu/base"},
          build("qemu/base", "nope"), build("qemu/base", "base", {"--extra-files", "nope"})}) {
        auto b = build_case(Case("", json::object(), args));
        expect_d1(b);
        EXPECT_FALSE(context_left(qd_sandbox()));
    }
}

TEST_P(BuildAllowed, D1_MissingParent) {
    auto b = both(Case("", json::object(), build("qemu/child", "child"))
                      .with_file("dockerfiles/child.docker", kDockerfiles.at("child")),
                  GetParam());
    expect_d1(b);
}

TEST_P(BuildAllowed, D8_ExtraFileNameThatWouldBreakTheLabel) {
    auto b = build_case(
        Case("", json::object(), build("qemu/base", "base", {"--extra-files", "a b", "--no-cache"}))
            .with_file("work/a b", "x"));
    // docker.py writes "LABEL com.qemu.a b-checksum=..."; qemu-docker refuses
    // before running anything.
    ASSERT_FALSE(b.ref.calls.empty());
    EXPECT_NE(b.ref.calls.back().dockerfile().find("LABEL com.qemu.a b-checksum="),
              std::string::npos);
    EXPECT_EQ(b.ref.status, 0);
    EXPECT_EQ(b.qd.lines(), Lines{});
    EXPECT_EQ(b.qd.status, 1);
    EXPECT_TRUE(b.qd.err.starts_with("qemu-docker: error: --extra-files name \"a b\"")) << b.qd.err;
}

TEST_P(BuildAllowed, D8_ExtraFileNameWithANoBreakSpace) {
    // The engines' parser splits words at any Unicode space (Go's
    // unicode.IsSpace): docker.py's LABEL line breaks there.
    auto b =
        build_case(Case("", json::object(),
                        build("qemu/base", "base", {"--extra-files", "a\u00a0b", "--no-cache"}))
                       .with_file("work/a\u00a0b", "x"));
    ASSERT_FALSE(b.ref.calls.empty());
    EXPECT_NE(b.ref.calls.back().dockerfile().find("LABEL com.qemu.a\u00a0b-checksum="),
              std::string::npos);
    expect_d8_refusal(b, "--extra-files name \"a\\xa0b\" cannot be written into a LABEL line "
                         "(whitespace, quotes, '=', '$', '\\' and control characters are refused)");
}

TEST_P(BuildAllowed, D8_RegistryWithANewline) {
    // docker.py's FROM line becomes two: the registry's newline starts an
    // instruction of its own.
    auto b = build_case(
        Case("", json::object(), build("qemu/child", "child", {"--registry", "reg\nRUN id #"})));
    ASSERT_FALSE(b.ref.calls.empty());
    EXPECT_TRUE(b.ref.calls.back().dockerfile().starts_with("FROM reg\nRUN id #/qemu/base\n"))
        << b.ref.calls.back().dockerfile();
    expect_d8_refusal(b, R"(registry "reg\nRUN id #" contains a control character)");
}

TEST_P(BuildAllowed, D8_TagWithANewline) {
    auto b = build_case(Case("", json::object(), build("qemu/x\nRUN id", "base")));
    expect_d8_refusal(b, R"(tag "qemu/x\nRUN id" contains a control character)");
}

TEST_P(BuildAllowed, D9_ExecutableUnderAPersistentBinfmtEntry) {
    if (!fake_engine::persistent_binfmt_entry("qemu-aarch64"))
        PRECONDITION_MISSING("needs a qemu-aarch64 binfmt_misc entry with the F flag");
    for (const char* source : {"/bin/true", "/usr/sbin/ldconfig"}) {
        auto b = build_case(
            Case("", json::object(), build("qemu/base", "base", {"-e", "<root>/exe/qemu-aarch64"}))
                .with_copy("exe/qemu-aarch64", source));
        allow_d9_executable_label(b);
        expect_same(b);
    }
}

TEST_P(BuildAllowed, D11_SymlinkOutOfTheContext) {
    auto b =
        build_case(Case("", json::object(),
                        build("qemu/base", "base", {"--skip-binfmt", "-e", "<root>/exe/qemu-test"}))
                       .with_file("exe/qemu-test", kScript)
                       .with_file("bin/ldd", kLdd)
                       .with_file("libs/liba.so", "liba\n")
                       .with_file("outside/.keep", "")
                       .with_file("dockerfiles/base.pre", pre_linking_libs("$S/outside")));
    allow_d9_executable_label(b);
    // docker.py copies the library through the symlink, to ROOT/outside;
    // qemu-docker takes the link's target from the context's top.
    EXPECT_TRUE(fs::exists(ref_sandbox().root() / "outside/liba.so"));
    EXPECT_FALSE(fs::exists(qd_sandbox().root() / "outside/liba.so"));
    ASSERT_FALSE(b.qd.calls.empty());
    auto qd_files = b.qd.calls.back().files();
    auto inside = std::find(qd_files.begin(), qd_files.end(),
                            "<tmp>/outside/liba.so 5 5c911e9d672608e8755eb926879100c1ded4147a");
    ASSERT_NE(inside, qd_files.end()) << testing::PrintToString(qd_files);
    qd_files.erase(inside);
    ASSERT_FALSE(b.ref.calls.empty());
    EXPECT_EQ(qd_files, b.ref.calls.back().files());
    EXPECT_EQ(b.qd.lines(), b.ref.lines());
    EXPECT_EQ(b.qd.out, b.ref.out);
    EXPECT_EQ(b.qd.err, b.ref.err);
    EXPECT_EQ(b.qd.status, b.ref.status);
}

class BuildKit : public Differential {};

TEST_F(BuildKit, D6_Docker28WithoutBuildx) {
    json config = R"({"docker": {"version": {"stdout":
        "Client: Docker Engine - Community\n Version:           28.0.1\n"},
        "buildx": {"exit": 1}}})"_json;
    Extra extra;
    extra.files = {{"dockerfiles/base.docker", kDockerfiles.at("base")}};
    auto b = both(config, build("qemu/base", "base"), extra);
    // docker.py builds with BuildKit, which this client cannot do; qemu-docker
    // asks for buildx, then builds without it and says so.
    ASSERT_EQ(b.ref.calls.size(), 3u);
    EXPECT_EQ(b.ref.calls.back().env.at("DOCKER_BUILDKIT"), "1");
    EXPECT_EQ(b.ref.calls.back().argv[5], "--build-arg");
    ASSERT_EQ(b.qd.calls.size(), 4u);
    EXPECT_EQ(b.qd.calls[2].line(), "docker buildx version");
    EXPECT_EQ(b.qd.calls.back().env.at("DOCKER_BUILDKIT"), "0");
    Args ref_argv = b.ref.calls.back().argv;
    ref_argv.erase(ref_argv.begin() + 5, ref_argv.begin() + 7);
    EXPECT_EQ(b.qd.calls.back().argv, ref_argv);
    EXPECT_EQ(b.qd.calls.back().dockerfile(), b.ref.calls.back().dockerfile());
    EXPECT_EQ(b.qd.out, b.ref.out);
    EXPECT_EQ(b.qd.err_lines().size(), 1u) << b.qd.err;
}

TEST_F(BuildKit, Docker20IsTheSame) {
    json config = R"({"docker": {"version": {"stdout":
        "Client:\n Version:           20.10.24+dfsg1\n"}}})"_json;
    Extra extra;
    extra.files = {{"dockerfiles/base.docker", kDockerfiles.at("base")}};
    expect_same(both(config, build("qemu/base", "base"), extra));
}

} // namespace
} // namespace differential
