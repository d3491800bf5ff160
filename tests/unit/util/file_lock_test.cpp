#include "qemu_docker/util/file_lock.h"
#include "temp_dir.h"

#include <atomic>
#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

class FileLockTest : public testing::Test {
  protected:
    qd::test::TempDir dir_;
    const fs::path& root_ = dir_.path();
};

// Whether another open file description could lock PATH now.
bool lockable(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    ::close(fd);
    return free;
}

TEST_F(FileLockTest, MakesThePrivateFileAndHoldsIt) {
    auto path = root_ / "cc-key.lock";
    {
        qd::FileLock lock(path);
        ASSERT_TRUE(lock.held());
        struct stat st {};
        ASSERT_EQ(::lstat(path.c_str(), &st), 0);
        EXPECT_EQ(st.st_mode & 07777, 0600u);
        EXPECT_FALSE(lockable(path));
    }
    EXPECT_TRUE(lockable(path));
}

TEST_F(FileLockTest, RemoveDeletesTheFileAndLetsGo) {
    auto path = root_ / "cc-key.lock";
    qd::FileLock lock(path);
    lock.remove();
    EXPECT_FALSE(lock.held());
    EXPECT_FALSE(fs::exists(path));
}

TEST_F(FileLockTest, NotHeldWhereNoFileCanBeMade) {
    qd::FileLock lock(root_ / "missing" / "cc-key.lock");
    EXPECT_FALSE(lock.held());
}

TEST_F(FileLockTest, AWaiterForARemovedFileLocksTheOneMadeAnew) {
    auto path = root_ / "cc-key.lock";
    auto first = std::make_unique<qd::FileLock>(path);
    std::atomic<bool> second_held{false};
    std::thread waiter([&] {
        qd::FileLock second(path);
        second_held = second.held();
        // Held on the file now at the path: nobody else can lock that one.
        EXPECT_FALSE(lockable(path));
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100)); // the waiter blocks in flock
    EXPECT_FALSE(second_held);
    first->remove();
    waiter.join();
    EXPECT_TRUE(second_held);
    EXPECT_TRUE(fs::exists(path));
}

} // namespace
