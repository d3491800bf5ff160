#include "qemu_docker/util/error.h"
#include "qemu_docker/util/file_reading.h"
#include "temp_dir.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace {

using qd::test::TempDir;

TEST(FileReading, ChunksAddUpToTheFile) {
    const TempDir dir;
    std::string bytes(200000, 'x');
    bytes[123456] = '\0';
    std::vector<std::size_t> sizes;
    std::string read;
    qd::for_each_file_chunk(dir.write("big", bytes), [&](std::string_view chunk) {
        sizes.push_back(chunk.size());
        read += chunk;
    });
    EXPECT_EQ(read, bytes);
    EXPECT_EQ(sizes, (std::vector<std::size_t>{65536, 65536, 65536, 3392}));
}

TEST(FileReading, WholeFile) {
    const TempDir dir;
    EXPECT_EQ(qd::read_whole_file(dir.write("small", "FROM x\n")), "FROM x\n");
    EXPECT_EQ(qd::read_whole_file(dir.write("empty", "")), "");
}

TEST(FileReading, MissingFileNamed) {
    const TempDir dir;
    const auto path = dir.path() / "nope";
    try {
        qd::read_whole_file(path);
        FAIL() << "no error";
    } catch (const qd::Error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "cannot read " + path.string() + ": No such file or directory");
    }
}

TEST(FileReading, ReadErrorNamesTheGivenName) {
    qd::UniqueFd fd(::open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    ASSERT_TRUE(fd.valid());
    try {
        qd::for_each_chunk(fd.get(), "the root", [](std::string_view) {});
        FAIL() << "no error";
    } catch (const qd::Error& e) {
        EXPECT_EQ(std::string(e.what()), "cannot read the root: Is a directory");
    }
}

TEST(UniqueFd, ClosesOnceAndMoves) {
    int raw = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    ASSERT_GE(raw, 0);
    {
        qd::UniqueFd a(raw);
        qd::UniqueFd b(std::move(a));
        EXPECT_FALSE(a.valid());
        EXPECT_EQ(b.get(), raw);
        EXPECT_NE(::fcntl(raw, F_GETFD), -1);
    }
    EXPECT_EQ(::fcntl(raw, F_GETFD), -1);
}

} // namespace
