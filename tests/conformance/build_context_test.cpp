// build -e and --extra-files against symlinks a .pre script leaves in the
// build context (D11): they are followed as the image built from the context
// will see them, the context being its root, so that a Debian root file
// system's lib -> usr/lib still works and nothing lands outside the context.
#include "fixture.h"

#include <filesystem>

namespace conformance {
namespace {

namespace fs = std::filesystem;

// The libraries the stand-in ldd names (below ROOT/libs) and their sha1s.
const char* const kLdd = "#!/bin/sh\n"
                         "S=$(cd \"$(dirname \"$0\")/..\" && pwd)\n"
                         "printf '\\tliba.so => %s/libs/liba.so (0x00007f0000001000)\\n' \"$S\"\n"
                         "printf '\\t%s/libs/ld.so (0x00007f0000002000)\\n' \"$S\"\n";
const char* const kLibaSha1 = "5 5c911e9d672608e8755eb926879100c1ded4147a";
const char* const kLdSha1 = "3 77079d4cf303d4076ce1b82c18491a3245de0fd9";

class BuildContext : public QemuDocker {
  protected:
    // A podman sandbox with the test dockerfiles, an executable, its
    // libraries and an ldd that names them; PRE is base.pre's body, run with
    // S set to the sandbox root and in the context.
    void setup(const std::string& pre) {
        auto& sb = sandbox(R"({"podman": {}})"_json);
        write_dockerfiles(sb);
        sb.write("libs/liba.so", "liba\n");
        sb.write("libs/ld.so", "ld\n");
        for (const char* script : {"bin/ldd", "exe/qemu-test", "dockerfiles/base.pre"})
            sb.write(script, "#!/bin/sh\n");
        sb.write("bin/ldd", kLdd);
        sb.write("dockerfiles/base.pre",
                 "#!/bin/sh\nset -e\nS=$(cd \"$(dirname \"$0\")/..\" && pwd)\n" + pre);
        for (const char* script : {"bin/ldd", "exe/qemu-test", "dockerfiles/base.pre"})
            fs::permissions(sb.root() / script, fs::perms::owner_all);
        fs::create_directory(sb.root() / "outside");
    }
    // build, by default with --skip-binfmt -e ROOT/exe/qemu-test
    Outcome build(Args more = {}) {
        if (more.empty())
            more = {"--skip-binfmt", "-e", (sandbox().root() / "exe/qemu-test").string()};
        Args a = {"build", "-t", "qemu/base", "-f", dockerfile("base")};
        a.insert(a.end(), more.begin(), more.end());
        return run(a);
    }
    bool outside_empty() { return fs::is_empty(sandbox().root() / "outside"); }
    // "../" for each name in the sandbox root's path: from ROOT-in-the-context
    // up to the context.
    std::string up_to_context() {
        std::string up;
        for (const auto& name : sandbox().root().relative_path())
            up += name.empty() ? "" : "../";
        return up;
    }
    static constexpr const char* kExe =
        "<tmp>/exe/qemu-test 10 bd971bec88149956458a10fc9c5ecb3eb99dd452";
};

std::string lib(const std::string& path, const char* size_sha1) {
    return path + " " + size_sha1;
}

TEST_F(BuildContext, AbsoluteSymlinkOutOfTheContextLeadsToItsTopInstead) {
    // docker.py writes the libraries to ROOT/outside, as root.
    setup("mkdir -p \".$S/outside\"\nln -s \"$S/outside\" \".$S/libs\"\n");
    auto r = build();
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.lines(), (Lines{"podman version", "podman inspect qemu/base",
                                "podman build -t qemu/base -f <context>/<dockerfile> <context>"}));
    auto files = r.calls.back().files();
    ASSERT_EQ(files.size(), 4u) << testing::PrintToString(files);
    EXPECT_EQ(files[0], kExe);
    EXPECT_EQ(files[1], "<tmp>/libs -> /<tmp>/outside");
    EXPECT_EQ(files[2], lib("<tmp>/outside/ld.so", kLdSha1));
    EXPECT_EQ(files[3], lib("<tmp>/outside/liba.so", kLibaSha1));
    EXPECT_TRUE(outside_empty());
}

TEST_F(BuildContext, SymlinkToWhatTheContextLacksCopiesNothing) {
    // ROOT/outside exists on the host, not in the context: docker.py copies
    // into the host's, qemu-docker says it could not copy (as docker.py does
    // for a symlink to nothing).
    setup("mkdir -p \".$S\"\nln -s \"$S/outside\" \".$S/libs\"\n");
    auto r = build();
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "Couldn't copy <tmp>/libs/liba.so to <context><tmp>/libs/liba.so\n"
                     "Couldn't copy <tmp>/libs/ld.so to <context><tmp>/libs/ld.so\n");
    EXPECT_EQ(r.calls.back().files(), (Lines{kExe, "<tmp>/libs -> /<tmp>/outside"}));
    EXPECT_TRUE(outside_empty());
}

TEST_F(BuildContext, RelativeSymlinkOutOfTheContextStopsAtItsTop) {
    // ROOT/libs in the context -> up to the context, then ../../outside:
    // ROOT/outside for docker.py, the context's own outside/ here.
    setup("mkdir -p \".$S\" outside\nup=$(printf %s \"$S\" | sed 's|/[^/]*|../|g')\n"
          "ln -s \"$up../../outside\" \".$S/libs\"\n");
    auto r = build();
    EXPECT_EQ(r.status, 0) << r.err;
    auto files = r.calls.back().files();
    ASSERT_EQ(files.size(), 4u) << testing::PrintToString(files);
    EXPECT_EQ(files[0], lib("outside/ld.so", kLdSha1));
    EXPECT_EQ(files[1], lib("outside/liba.so", kLibaSha1));
    EXPECT_EQ(files[2], kExe);
    EXPECT_EQ(files[3], "<tmp>/libs -> " + up_to_context() + "../../outside");
    EXPECT_TRUE(outside_empty());
}

TEST_F(BuildContext, SymlinkInsideTheContextIsFollowed) {
    // Debian's merged /usr (lib -> usr/lib), as debootstrap leaves it.
    setup("mkdir -p \".$S/usr/libs\"\nln -s usr/libs \".$S/libs\"\n");
    auto r = build();
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "");
    auto files = r.calls.back().files();
    ASSERT_EQ(files.size(), 4u) << testing::PrintToString(files);
    EXPECT_EQ(files[0], kExe);
    EXPECT_EQ(files[1], "<tmp>/libs -> usr/libs");
    EXPECT_EQ(files[2], lib("<tmp>/usr/libs/ld.so", kLdSha1));
    EXPECT_EQ(files[3], lib("<tmp>/usr/libs/liba.so", kLibaSha1));
}

TEST_F(BuildContext, DotDotInALibraryPathStopsAtTheTop) {
    // ldd names /../../ROOT/libs/ld.so: docker.py's normpath puts it two
    // levels above the context, in ROOT/ROOT/libs.
    setup("");
    sandbox().write("bin/ldd", "#!/bin/sh\nS=$(cd \"$(dirname \"$0\")/..\" && pwd)\n"
                               "printf '\\t/../..%s/libs/ld.so (0x00007f0000002000)\\n' \"$S\"\n");
    auto r = build();
    EXPECT_EQ(r.status, 0) << r.err;
    auto files = r.calls.back().files();
    ASSERT_EQ(files.size(), 2u) << testing::PrintToString(files);
    EXPECT_EQ(files[1], lib("<tmp>/libs/ld.so", kLdSha1));
    EXPECT_FALSE(fs::exists(sandbox().root() / sandbox().root().relative_path()));
}

TEST_F(BuildContext, ExtraFileThroughASymlinkOutOfTheContext) {
    setup("mkdir -p \".$S/outside\"\nln -s \"$S/outside/a.txt\" a.txt\n");
    sandbox().write("work/a.txt", "alpha\n");
    auto r = build({"--extra-files", "a.txt"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.calls.back().files(),
              (Lines{"a.txt -> /<tmp>/outside/a.txt",
                     "<tmp>/outside/a.txt 6 d046cd9b7ffb7661e449683313d41f6fc33e3130"}));
    EXPECT_TRUE(outside_empty());
}

TEST_F(BuildContext, SymlinkLoopIsAnError) {
    setup("mkdir -p \".$S\"\nln -s libs \".$S/libs\"\n");
    auto r = build();
    // the path in the context has no leading "/", so it is not normalised
    std::string in_context = sandbox().root().relative_path().string() + "/libs/liba.so";
    EXPECT_EQ(r.err, "qemu-docker: error: cannot copy <tmp>/libs/liba.so to <context><tmp>/libs/"
                     "liba.so: " +
                         in_context + " (at libs): Too many levels of symbolic links\n");
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.lines(), (Lines{"podman version", "podman inspect qemu/base"}));
    EXPECT_TRUE(tmpdir_empty(sandbox())); // D4
}

} // namespace
} // namespace conformance
