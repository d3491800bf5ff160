#include "qemu_docker/image/build_context.h"
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
