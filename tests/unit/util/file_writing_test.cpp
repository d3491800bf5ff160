#include "qemu_docker/util/error.h"
#include "qemu_docker/util/file_reading.h"
#include "qemu_docker/util/file_writing.h"
#include "temp_dir.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <string>

namespace {

using qd::test::TempDir;

TEST(FileWriting, WritesEverything) {
    const TempDir dir;
    auto path = dir.path() / "out";
    qd::UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600));
    ASSERT_TRUE(fd.valid());
    std::string bytes(300000, 'y');
    bytes[5] = '\0';
    qd::write_all(fd.get(), bytes, path.string());
    EXPECT_EQ(qd::read_whole_file(path), bytes);
}

TEST(FileWriting, ErrorNamesTheFile) {
    qd::UniqueFd fd(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    try {
        qd::write_all(fd.get(), "x", "the-file");
        FAIL() << "no error";
    } catch (const qd::Error& e) {
        EXPECT_STREQ(e.what(), "cannot write the-file: Bad file descriptor");
    }
}

} // namespace
