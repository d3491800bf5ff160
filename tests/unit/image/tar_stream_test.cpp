#include "qemu_docker/image/tar_stream.h"

#include <csignal>
#include <gtest/gtest.h>
#include <unistd.h>

namespace {

TEST(ArchiveName, LeadingSlashesDropped) {
    EXPECT_EQ(qd::archive_name("/usr/bin/qemu-aarch64"), "usr/bin/qemu-aarch64");
    EXPECT_EQ(qd::archive_name("//lib//libc.so.6"), "lib//libc.so.6");
    EXPECT_EQ(qd::archive_name("relative/x"), "relative/x");
}

TEST(ArchiveName, OnlySlashesIsAnError) {
    for (const char* path : {"/", "///"}) {
        try {
            qd::archive_name(path);
            ADD_FAILURE() << path;
        } catch (const qd::Error& e) {
            EXPECT_EQ(e.what(), "cannot put a file at '" + std::string(path) + "' in the image");
        }
    }
}

} // namespace
