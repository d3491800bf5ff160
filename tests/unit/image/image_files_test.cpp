#include "qemu_docker/image/image_files.h"
#include "qemu_docker/util/sha1.h"

#include <gtest/gtest.h>

TEST(ImageFiles, ExecutableGoesBesideTheInterpreterUnderItsOwnName) {
    auto f = qd::executable_file("build/qemu-aarch64", "/usr/libexec/qemu-binfmt/aarch64-binfmt-P");
    EXPECT_EQ(f.source, "build/qemu-aarch64");
    EXPECT_EQ(f.image_path, "/usr/libexec/qemu-binfmt/qemu-aarch64");
}

TEST(ImageFiles, LibraryPaths) {
    auto files = qd::library_files({"/lib64/ld-linux-x86-64.so.2", "linux-vdso.so.1"});
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(files[0].image_path, "/lib64/ld-linux-x86-64.so.2");
    EXPECT_EQ(files[0].source.front(), '/'); // resolved through the symlink
    EXPECT_EQ(files[1].image_path, "/linux-vdso.so.1");
}

TEST(ImageFiles, ChecksumCoversPathsAndSkipsMissingFiles) {
    std::vector<qd::ImageFile> a = {{"/bin/true", "/usr/bin/x"}};
    std::vector<qd::ImageFile> b = {{"/bin/true", "/usr/bin/y"}};
    std::vector<qd::ImageFile> c = {{"/bin/true", "/usr/bin/x"}, {"/nonexistent", "/z"}};
    EXPECT_NE(qd::image_files_checksum(a), qd::image_files_checksum(b));
    EXPECT_EQ(qd::image_files_checksum(a), qd::image_files_checksum(c));
    EXPECT_EQ(qd::image_files_checksum(a),
              qd::sha1_hex("/usr/bin/x " + qd::file_sha1_hex("/bin/true") + "\n"));
}
