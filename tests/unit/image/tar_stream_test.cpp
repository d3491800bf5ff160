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

TEST(WriteTar, ReaderGoneIsItsOwnError) {
    auto old = std::signal(SIGPIPE, SIG_IGN); // as qemu-docker runs
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    ::close(fds[0]);
    EXPECT_THROW(qd::write_tar(fds[1], {{"Dockerfile", std::nullopt, "FROM x\n"}}), qd::ReaderGone);
    ::close(fds[1]);
    std::signal(SIGPIPE, old);
}

} // namespace
