#include "qemu_docker/util/private_file.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

class PrivateFile : public testing::Test {
  protected:
    void SetUp() override {
        std::string templ = (fs::temp_directory_path() / "qd-private-XXXXXX").string();
        ASSERT_TRUE(::mkdtemp(templ.data()));
        root_ = templ;
    }
    void TearDown() override { fs::remove_all(root_); }
    fs::path root_;
};

mode_t mode_of(const fs::path& p) {
    struct stat st {};
    ::lstat(p.c_str(), &st);
    return st.st_mode & 07777;
}

TEST_F(PrivateFile, WritesAndReadsBack) {
    auto dir = qd::private_directory(root_ / "a" / "qemu-docker");
    ASSERT_TRUE(dir);
    EXPECT_EQ(mode_of(*dir), 0700u);
    ASSERT_TRUE(qd::write_private_file(*dir / "f", "text"));
    EXPECT_EQ(mode_of(*dir / "f"), 0600u);
    EXPECT_EQ(qd::read_private_file(*dir / "f"), "text");
    ASSERT_TRUE(qd::write_private_file(*dir / "f", "other"));
    EXPECT_EQ(qd::read_private_file(*dir / "f"), "other");
    EXPECT_EQ(std::distance(fs::directory_iterator(*dir), fs::directory_iterator()), 1);
    qd::remove_private_file(*dir / "f");
    EXPECT_FALSE(qd::read_private_file(*dir / "f"));
}

TEST_F(PrivateFile, DirectoryOthersCanReachIsRefused) {
    fs::create_directory(root_ / "open");
    ::chmod((root_ / "open").c_str(), 0755);
    EXPECT_FALSE(qd::private_directory(root_ / "open"));
    fs::create_directory(root_ / "real");
    ::chmod((root_ / "real").c_str(), 0700);
    fs::create_directory_symlink(root_ / "real", root_ / "link");
    EXPECT_FALSE(qd::private_directory(root_ / "link"));
    std::ofstream(root_ / "file") << "x";
    EXPECT_FALSE(qd::private_directory(root_ / "file"));
}

TEST_F(PrivateFile, FileOthersCanWriteOrASymlinkIsNotRead) {
    std::ofstream(root_ / "f") << "text";
    ::chmod((root_ / "f").c_str(), 0620);
    EXPECT_FALSE(qd::read_private_file(root_ / "f"));
    ::chmod((root_ / "f").c_str(), 0602);
    EXPECT_FALSE(qd::read_private_file(root_ / "f"));
    ::chmod((root_ / "f").c_str(), 0644);
    EXPECT_EQ(qd::read_private_file(root_ / "f"), "text");
    fs::create_symlink(root_ / "f", root_ / "l");
    EXPECT_FALSE(qd::read_private_file(root_ / "l"));
    fs::create_directory(root_ / "d");
    EXPECT_FALSE(qd::read_private_file(root_ / "d"));
}

TEST_F(PrivateFile, WriteThatCannotHappenIsFalseAndLeavesNothing) {
    std::ofstream(root_ / "file") << "x";
    EXPECT_FALSE(qd::write_private_file(root_ / "file" / "f", "x"));
    fs::create_directory(root_ / "d");
    fs::create_directory(root_ / "d" / "f"); // rename cannot replace a directory
    EXPECT_FALSE(qd::write_private_file(root_ / "d" / "f", "x"));
    EXPECT_EQ(std::distance(fs::directory_iterator(root_ / "d"), fs::directory_iterator()), 1);
}

} // namespace
