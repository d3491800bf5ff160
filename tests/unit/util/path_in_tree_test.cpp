#include "qemu_docker/util/error.h"
#include "qemu_docker/util/path_in_tree.h"
#include "temp_dir.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <string>

namespace {

namespace fs = std::filesystem;
using qd::test::TempDir;

// A tree at DIR/tree, with OUTSIDE beside it, and where a walk ends.
class PathInTree : public testing::Test {
  protected:
    PathInTree() {
        fs::create_directories(tree());
        fs::create_directories(outside());
        fd_ = qd::UniqueFd(::open(tree().c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    }
    fs::path tree() const { return dir_.path() / "tree"; }
    fs::path outside() const { return dir_.path() / "outside"; }
    void link(const std::string& target, const std::string& name) const {
        fs::create_symlink(target, tree() / name);
    }
    // The walk's result, as a path: the directory's, then the name ("": none).
    fs::path place(const std::string& path) const {
        auto p = qd::place_in_tree(fd_.get(), path);
        if (!p)
            return "";
        return fs::read_symlink("/proc/self/fd/" + std::to_string(p->directory.get())) / p->name;
    }
    std::string error(const std::string& path) const {
        try {
            qd::place_in_tree(fd_.get(), path);
        } catch (const qd::Error& e) {
            return e.what();
        }
        return "no error";
    }

    TempDir dir_;
    qd::UniqueFd fd_;
};

TEST_F(PathInTree, MakesTheDirectoriesOnTheWay) {
    EXPECT_EQ(place("usr/lib/x86_64-linux-gnu/libc.so.6"),
              tree() / "usr/lib/x86_64-linux-gnu/libc.so.6");
    EXPECT_TRUE(fs::is_directory(tree() / "usr/lib/x86_64-linux-gnu"));
    EXPECT_FALSE(fs::exists(tree() / "usr/lib/x86_64-linux-gnu/libc.so.6"));
    EXPECT_EQ(place("/./a//b/"), tree() / "a/b");
    EXPECT_EQ(place("x"), tree() / "x");
}

TEST_F(PathInTree, FollowsASymlinkThatStaysInside) {
    // Debian's merged /usr, as debootstrap leaves it in a .pre's context
    fs::create_directories(tree() / "usr/lib");
    link("usr/lib", "lib");
    EXPECT_EQ(place("lib/x86_64-linux-gnu/libc.so.6"),
              tree() / "usr/lib/x86_64-linux-gnu/libc.so.6");
    link("/usr/lib", "lib-absolute");
    EXPECT_EQ(place("lib-absolute/a.so"), tree() / "usr/lib/a.so");
}

TEST_F(PathInTree, AnAbsoluteTargetStartsAtTheTreesTop) {
    link(outside().string(), "lib");
    EXPECT_EQ(place("lib/x86_64-linux-gnu/libc.so.6"), ""); // not in the tree
    fs::create_directories(tree() / outside().relative_path());
    EXPECT_EQ(place("lib/x86_64-linux-gnu/libc.so.6"),
              tree() / outside().relative_path() / "x86_64-linux-gnu/libc.so.6");
    EXPECT_TRUE(fs::is_empty(outside()));
}

TEST_F(PathInTree, DotDotStopsAtTheTreesTop) {
    fs::create_directories(tree() / "outside");
    link("../../../outside", "lib64");
    EXPECT_EQ(place("lib64/ld.so"), tree() / "outside/ld.so");
    EXPECT_EQ(place("../../x/../y"), tree() / "y");
    fs::create_directories(tree() / "a/b");
    link("../../../../..", "a/b/up");
    EXPECT_EQ(place("a/b/up/z"), tree() / "z");
    EXPECT_TRUE(fs::is_empty(outside()));
}

TEST_F(PathInTree, TheLastNameIsFollowedToo) {
    fs::create_directories(tree() / outside().relative_path());
    link(outside().string() + "/file", "a.txt");
    EXPECT_EQ(place("a.txt"), tree() / outside().relative_path() / "file");
    link("a.txt", "b.txt"); // a chain
    EXPECT_EQ(place("b.txt"), tree() / outside().relative_path() / "file");
}

TEST_F(PathInTree, NothingIsMadeThroughASymlink) {
    // As mkdir -p and docker.py's makedirs: a symlink's missing target stays missing
    link("/nonexistent/dir", "lib");
    EXPECT_EQ(place("lib/a.so"), "");
    EXPECT_FALSE(fs::exists(tree() / "nonexistent"));
    link("usr/lib", "lib64");
    EXPECT_EQ(place("lib64/x/a.so"), "");
    EXPECT_FALSE(fs::exists(tree() / "usr"));
    // but what the path itself names, past the symlink, is made
    fs::create_directories(tree() / "usr/lib");
    EXPECT_EQ(place("lib64/x/a.so"), tree() / "usr/lib/x/a.so");
    // and a dangling last name is where the file goes, as open(O_CREAT) takes it
    link("usr/lib/new.so", "new.so");
    EXPECT_EQ(place("new.so"), tree() / "usr/lib/new.so");
}

TEST_F(PathInTree, Errors) {
    link("loop", "loop");
    EXPECT_EQ(error("loop/a"), "loop/a (at loop): Too many levels of symbolic links");
    std::ofstream(tree() / "file") << "x";
    EXPECT_EQ(error("file/a"), "file/a (at file): Not a directory");
    EXPECT_EQ(error(""), " (at ): Is a directory");
    EXPECT_EQ(error("a/.."), "a/.. (at a/..): Is a directory");
    link("/", "root");
    EXPECT_EQ(error("root"), "root (at root): Is a directory");
}

} // namespace
