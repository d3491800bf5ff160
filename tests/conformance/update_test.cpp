// update: a tar context streamed to ENGINE build -t TAG -, holding a
// Dockerfile FROM TAG, the executable and its libraries, the useradd line.
#include "fixture.h"
#include "precondition.h"

#include <filesystem>
#include <pwd.h>
#include <unistd.h>

namespace conformance {
namespace {

namespace fs = std::filesystem;

class Update : public EachEngine {
  protected:
    std::string executable(const std::string& name) {
        auto path = sandbox().write("exe/" + name, "#!/bin/sh\necho emulated\n");
        fs::permissions(path, fs::perms::owner_all);
        return path.string();
    }
};
QD_EACH_ENGINE(Update);

TEST_P(Update, StreamsADockerfileFromTheImage) {
    sandbox(config(R"({"build": {"stdout": "STEP 1/1\n"}})"_json));
    auto r = run(args({"update", "qemu/base"}));
    EXPECT_EQ(r.lines(), probed({"build -t qemu/base -"}));
    EXPECT_EQ(r.calls.back().files(),
              Lines{"Dockerfile 15 9dd12048c97ed5c8cd605138351db1c2797f6716"});
    EXPECT_EQ(r.calls.back().dockerfile(), "FROM qemu/base\n");
    EXPECT_GT(r.calls.back().record.value("stdin_bytes", 0), 0);
    EXPECT_EQ(r.calls.back().env, buildkit_env());
    EXPECT_EQ(r.out, "STEP 1/1\n");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Update, QuietAnywhere) {
    sandbox(config(R"({"build": {"stdout": "STEP 1/1\n"}})"_json));
    auto r = run(args({"update", "qemu/base", "--quiet"}));
    EXPECT_EQ(r.lines(), probed({"build -t qemu/base -"}));
    EXPECT_EQ(r.calls.back().dockerfile(), "FROM qemu/base\n");
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Update, AddCurrentUser) {
    const passwd* pw = ::getpwuid(::getuid());
    if (!pw)
        PRECONDITION_MISSING("the current uid has no passwd entry (D10 is unit-tested)");
    sandbox(config());
    std::string name = pw->pw_name, uid = std::to_string(::getuid());
    auto r = run(args({"update", "-u", "qemu/base"}));
    EXPECT_EQ(r.lines(), probed({"build -t qemu/base -"}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.calls.back().dockerfile(), "FROM qemu/base\n\nRUN id " + name +
                                               " 2>/dev/null || useradd -u " + uid + " -U " + name);
}

TEST_P(Update, ExecutableWithoutBinfmtEntry) {
    sandbox(config());
    std::string exe = executable("qd-no-such-binfmt-entry");
    auto r = run(args({"update", "qemu/base", "--executable", exe}));
    EXPECT_EQ(r.lines(), Lines{}); // decided before the engine is looked for
    EXPECT_EQ(r.out, "No binfmt_misc entry for qd-no-such-binfmt-entry\n"
                     "binfmt_misc not enabled, update disabled\n");
    EXPECT_EQ(r.status, 1);
}

TEST_P(Update, ExecutableUnderAPersistentBinfmtEntry) {
    if (!fake_engine::persistent_binfmt_entry("qemu-aarch64"))
        PRECONDITION_MISSING("needs a qemu-aarch64 binfmt_misc entry with the F flag");
    sandbox(config());
    std::string exe = executable("qemu-aarch64");
    auto r = run(args({"update", "qemu/base", "--executable=" + exe}));
    EXPECT_EQ(r.lines(), probed({"build -t qemu/base -"}));
    EXPECT_EQ(r.calls.back().files(),
              Lines{"Dockerfile 23 aa790f4e405390a8b7ef664f32ef02a122695170"});
    EXPECT_EQ(r.out, "binfmt_misc for qemu-aarch64 uses persistent(F) mapping to host binary\n"
                     "<tmp>/exe/qemu-aarch64 had no associated libraries (static build?)\n");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Update, LibrariesOfTheExecutable) {
    if (!fake_engine::persistent_binfmt_entry("qemu-aarch64"))
        PRECONDITION_MISSING("needs a qemu-aarch64 binfmt_misc entry with the F flag");
    sandbox(config());
    fs::create_directories(sandbox().root() / "exe");
    fs::copy_file("/bin/true", sandbox().root() / "exe/qemu-aarch64");
    auto r = run(args({"update", "qemu/base", "--executable", "../exe/qemu-aarch64"}));
    EXPECT_EQ(r.lines(), probed({"build -t qemu/base -"}));
    EXPECT_EQ(r.status, 0);
    auto files = r.calls.back().files();
    bool libc = false;
    for (const auto& f : files) {
        libc = libc || f.find("/libc.so.6 ") != std::string::npos;
        EXPECT_FALSE(f.starts_with("/")) << f;
    }
    EXPECT_TRUE(libc) << testing::PrintToString(files);
    EXPECT_EQ(r.calls.back().dockerfile(), "FROM qemu/base\nADD . /\n");
}

TEST_P(Update, MissingExecutableIsAnError) {
    sandbox(config());
    auto r = run(args({"update", "qemu/base", "--executable", "/nope"}));
    EXPECT_EQ(r.err, "qemu-docker: error: --executable /nope: no such file\n"); // D1
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.lines(), Lines{});
}

TEST_P(Update, EngineFailure) {
    sandbox(config(R"({"build": {"exit": 2, "stderr": "Error: no such image\n"}})"_json));
    auto r = run(args({"update", "qemu/base"}));
    EXPECT_EQ(r.lines(), probed({"build -t qemu/base -"}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "Error: no such image\nqemu-docker: error: updating qemu/base failed: the "
                     "engine's build exited with status 2\n"); // D1
    EXPECT_EQ(r.status, 1);
}

TEST_P(Update, EngineFailingBeforeItReadsTheContext) {
    // A context larger than the pipe holds: qemu-docker is still writing it
    // when the engine exits.  What counts is the engine's failure.
    sandbox(config(R"({"build": {"exit": 125, "ignore_stdin": true,
                                 "stderr": "Error: invalid reference format\n"}})"_json));
    std::string tag = "qemu/" + std::string(100000, 'x');
    auto r = run(args({"update", tag}));
    EXPECT_EQ(r.lines(), probed({"build -t " + tag + " -"}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "Error: invalid reference format\nqemu-docker: error: updating " + tag +
                         " failed: the engine's build exited with status 125\n"); // D1
    EXPECT_EQ(r.status, 1);
}

TEST_P(Update, EngineSucceedingWithoutReadingTheContext) {
    sandbox(config(R"({"build": {"ignore_stdin": true, "store": false}})"_json));
    std::string tag = "qemu/" + std::string(100000, 'x');
    auto r = run(args({"update", tag}));
    EXPECT_EQ(r.lines(), probed({"build -t " + tag + " -"}));
    EXPECT_EQ(r.err, "qemu-docker: error: updating " + tag +
                         " failed: the engine's build exited without reading all of the context\n");
    EXPECT_EQ(r.status, 1);
}

} // namespace
} // namespace conformance
