#include "qemu_docker/image/executable_files.h"

#include <gtest/gtest.h>

using Messages = std::vector<std::string>;

TEST(ExecutableFiles, NoEntry) {
    auto d = qd::decide_binfmt("/b/qemu-aarch64", std::nullopt);
    EXPECT_FALSE(d.enabled);
    EXPECT_EQ(d.messages, Messages{"No binfmt_misc entry for qemu-aarch64"});
}

TEST(ExecutableFiles, PersistentEntryCopiesOnlyLibraries) {
    qd::BinfmtEntry e{"/usr/libexec/qemu-binfmt/aarch64-binfmt-P", true};
    auto d = qd::decide_binfmt("/b/qemu-aarch64", e);
    EXPECT_TRUE(d.enabled);
    EXPECT_EQ(d.interpreter, std::nullopt);
    EXPECT_EQ(d.messages,
              Messages{"binfmt_misc for qemu-aarch64 uses persistent(F) mapping to host binary"});
}

TEST(ExecutableFiles, InterpreterElsewhere) {
    qd::BinfmtEntry e{"/usr/bin/qemu-aarch64", false};
    auto d = qd::decide_binfmt("/b/qemu-aarch64", e);
    EXPECT_EQ(d.interpreter, "/usr/bin/qemu-aarch64");
    EXPECT_EQ(d.messages, Messages{"binfmt_misc for qemu-aarch64 does not point to "
                                   "/b/qemu-aarch64, using /usr/bin/qemu-aarch64"});
    EXPECT_TRUE(qd::decide_binfmt("/usr/bin/qemu-aarch64", e).messages.empty());
}

TEST(ExecutableFiles, LibraryPaths) {
    auto files = qd::library_files({"/lib64/ld-linux-x86-64.so.2", "linux-vdso.so.1"});
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(files[0].image_path, "/lib64/ld-linux-x86-64.so.2");
    EXPECT_EQ(files[0].source.front(), '/'); // resolved through the symlink
    EXPECT_EQ(files[1].image_path, "/linux-vdso.so.1");
}

TEST(ExecutableFiles, ChecksumCoversPathsAndSkipsMissingFiles) {
    std::vector<qd::ImageFile> a = {{"/bin/true", "/usr/bin/x"}};
    std::vector<qd::ImageFile> b = {{"/bin/true", "/usr/bin/y"}};
    std::vector<qd::ImageFile> c = {{"/bin/true", "/usr/bin/x"}, {"/nonexistent", "/z"}};
    EXPECT_NE(qd::image_files_checksum(a), qd::image_files_checksum(b));
    EXPECT_EQ(qd::image_files_checksum(a), qd::image_files_checksum(c));
    EXPECT_EQ(qd::image_files_checksum(a).size(), 40u);
}
