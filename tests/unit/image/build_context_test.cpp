#include "qemu_docker/image/build_context.h"
#include "qemu_docker/util/error.h"
#include "qemu_docker/util/file_reading.h"
#include "temp_dir.h"

#include <gtest/gtest.h>
#include <regex>

namespace {

namespace fs = std::filesystem;
using qd::test::TempDir;

TEST(BuildContext, DestinationAsDockerPyNamesIt) {
    // os.path.normpath("%s/%s" % (root, dir)) + "/" + name
    EXPECT_EQ(qd::context_destination("/t/ctx", ".", "a.txt"), "/t/ctx/a.txt");
    EXPECT_EQ(qd::context_destination("/t/ctx", "", "linux-vdso.so.1"), "/t/ctx/linux-vdso.so.1");
    EXPECT_EQ(qd::context_destination("/t/ctx", "/lib/x86_64-linux-gnu", "libc.so.6"),
              "/t/ctx/lib/x86_64-linux-gnu/libc.so.6");
    EXPECT_EQ(qd::context_destination("/t/ctx", "/usr//lib/./a/../b/", "l.so"),
              "/t/ctx/usr/lib/b/l.so");
    EXPECT_EQ(qd::context_destination("/t//ctx/", "/", "x"), "/t/ctx/x");
    // D11: docker.py's normpath would give /etc/x and /t/etc/x
    EXPECT_EQ(qd::context_destination("/t/ctx", "/../../etc", "x"), "/t/ctx/etc/x");
    EXPECT_EQ(qd::context_destination("/t/ctx", "/usr/../../etc", "x"), "/t/ctx/etc/x");
}

TEST(BuildContext, CopyMakesTheDirectoriesAndKeepsTheMode) {
    const TempDir dir;
    auto source = dir.write("src/tool", "#!/bin/sh\n");
    fs::permissions(source, fs::perms::owner_all | fs::perms::group_read);
    fs::create_directory(dir.path() / "ctx");
    EXPECT_TRUE(qd::copy_into_context(source, dir.path() / "ctx", "/usr/libexec/q", "tool"));
    auto copy = dir.path() / "ctx/usr/libexec/q/tool";
    EXPECT_EQ(qd::read_whole_file(copy), "#!/bin/sh\n");
    EXPECT_EQ(fs::status(copy).permissions(), fs::perms::owner_all | fs::perms::group_read);
    // a second copy overwrites
    dir.write("src/tool", "new\n");
    EXPECT_TRUE(qd::copy_into_context(source, dir.path() / "ctx", "/usr/libexec/q", "tool"));
    EXPECT_EQ(qd::read_whole_file(copy), "new\n");
}

TEST(BuildContext, CopyOfAMissingSourceCopiesNothing) {
    const TempDir dir;
    fs::create_directory(dir.path() / "ctx");
    EXPECT_FALSE(
        qd::copy_into_context((dir.path() / "absent").string(), dir.path() / "ctx", "/", "absent"));
    EXPECT_FALSE(fs::exists(dir.path() / "ctx/absent"));
}

// D11: a .pre script's symlinks are followed as the image sees them, the
// context being its root; nothing lands outside it.
TEST(BuildContext, CopyNeverLandsOutsideTheContext) {
    const TempDir dir;
    auto source = dir.write("src/libc.so.6", "libc\n");
    fs::path ctx = dir.path() / "ctx", outside = dir.path() / "outside";
    fs::create_directories(ctx / "usr/lib");
    fs::create_directories(ctx / "outside");
    fs::create_directories(ctx / outside.relative_path());
    fs::create_directories(outside);
    fs::create_symlink("usr/lib", ctx / "lib");         // stays inside: followed
    fs::create_symlink(outside, ctx / "lib32");         // absolute: from the context's top
    fs::create_symlink("../../outside", ctx / "lib64"); // leaves by "..": stops at the top
    fs::create_symlink(outside / "a.txt", ctx / "a.txt");
    EXPECT_TRUE(qd::copy_into_context(source, ctx, "/lib/x86_64-linux-gnu", "libc.so.6"));
    EXPECT_TRUE(qd::copy_into_context(source, ctx, "/lib32", "libc.so.6"));
    EXPECT_TRUE(qd::copy_into_context(source, ctx, "/lib64", "ld.so"));
    EXPECT_TRUE(qd::copy_into_context(source, ctx, "/usr/lib/../../../..", "up.so"));
    EXPECT_TRUE(qd::copy_into_context(source, ctx, ".", "a.txt"));
    EXPECT_TRUE(fs::is_empty(outside));
    for (const char* copy : {"usr/lib/x86_64-linux-gnu/libc.so.6", "outside/ld.so", "up.so"})
        EXPECT_EQ(qd::read_whole_file(ctx / copy), "libc\n") << copy;
    EXPECT_EQ(qd::read_whole_file(ctx / outside.relative_path() / "libc.so.6"), "libc\n");
    EXPECT_EQ(qd::read_whole_file(ctx / outside.relative_path() / "a.txt"), "libc\n");
}

TEST(BuildContext, CopyThroughASymlinkToNothingCopiesNothing) {
    // docker.py: makedirs fails, then copy's FileNotFoundError: "Couldn't copy"
    const TempDir dir;
    auto source = dir.write("src/x", "x");
    fs::create_directories(dir.path() / "ctx");
    fs::create_symlink("usr/lib", dir.path() / "ctx/lib");
    EXPECT_FALSE(qd::copy_into_context(source, dir.path() / "ctx", "/lib/sub", "x"));
    EXPECT_FALSE(fs::exists(dir.path() / "ctx/usr"));
}

TEST(BuildContext, CopyThroughALoopIsAnError) {
    const TempDir dir;
    auto source = dir.write("src/x", "x");
    fs::create_directories(dir.path() / "ctx");
    fs::create_symlink("lib", dir.path() / "ctx/lib");
    try {
        qd::copy_into_context(source, dir.path() / "ctx", "/lib", "x");
        FAIL() << "no error";
    } catch (const qd::Error& e) {
        EXPECT_EQ(std::string(e.what()), "cannot copy " + source.string() + " to " +
                                             (dir.path() / "ctx/lib/x").string() +
                                             ": lib/x (at lib): Too many levels of symbolic links");
    }
}

TEST(BuildContext, DockerfileIsANewFileInTheContext) {
    const TempDir dir;
    auto first = qd::write_context_dockerfile(dir.path(), "FROM x\nLABEL a=b\n");
    auto second = qd::write_context_dockerfile(dir.path(), "FROM y\n");
    EXPECT_EQ(first.parent_path(), dir.path());
    EXPECT_TRUE(std::regex_match(first.filename().string(), std::regex("tmp.{8}\\.docker")))
        << first;
    EXPECT_NE(first, second);
    EXPECT_EQ(qd::read_whole_file(first), "FROM x\nLABEL a=b\n");
    EXPECT_EQ(qd::read_whole_file(second), "FROM y\n");
}

} // namespace
