#include "qemu_docker/util/error.h"
#include "qemu_docker/util/sha1.h"
#include "temp_dir.h"

#include <gtest/gtest.h>
#include <string>

namespace {

using qd::test::TempDir;

// FIPS 180 test vectors.
TEST(Sha1, KnownVectors) {
    EXPECT_EQ(qd::sha1_hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    EXPECT_EQ(qd::sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(qd::sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    EXPECT_EQ(qd::sha1_hex(std::string(1000000, 'a')), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST(Sha1, BinaryBytes) {
    // printf '\0\377\n' | sha1sum
    EXPECT_EQ(qd::sha1_hex(std::string("\0\xff\n", 3)), "78a56a7f152106db79c791d3cbd88fcb33a425cb");
}

TEST(Sha1, FileReadInChunks) {
    const TempDir dir;
    // Larger than one read chunk, and not a multiple of it.
    EXPECT_EQ(qd::file_sha1_hex(dir.write("a", std::string(1000000, 'a'))),
              "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    EXPECT_EQ(qd::file_sha1_hex(dir.write("empty", "")),
              "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

TEST(Sha1, MissingFileNamed) {
    const TempDir dir;
    const auto path = dir.path() / "nope";
    try {
        qd::file_sha1_hex(path);
        FAIL() << "no error";
    } catch (const qd::Error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "cannot read " + path.string() + ": No such file or directory");
    }
}

TEST(Sha1, DirectoryIsAnError) {
    const TempDir dir;
    try {
        qd::file_sha1_hex(dir.path());
        FAIL() << "no error";
    } catch (const qd::Error& e) {
        EXPECT_EQ(std::string(e.what()), "cannot read " + dir.path().string() + ": Is a directory");
    }
}

} // namespace
