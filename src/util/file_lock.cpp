#include "qemu_docker/util/file_lock.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qd {

namespace {

bool lock(int fd) {
    int r;
    do
        r = ::flock(fd, LOCK_EX);
    while (r != 0 && errno == EINTR);
    return r == 0;
}

// Whether FD is still the file at PATH (not removed while we waited).
bool still_at(int fd, const std::filesystem::path& path) {
    struct stat held {};
    struct stat now {};
    if (::fstat(fd, &held) != 0)
        return true; // nothing better to go on
    return ::lstat(path.c_str(), &now) == 0 && now.st_dev == held.st_dev &&
           now.st_ino == held.st_ino;
}

} // namespace

FileLock::FileLock(const std::filesystem::path& path) : path_(path) {
    for (;;) {
        fd_ = UniqueFd(::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (!fd_.valid())
            return;
        if (!lock(fd_.get())) {
            fd_.reset();
            return;
        }
        if (still_at(fd_.get(), path))
            return;
    }
}

void FileLock::remove() {
    if (!fd_.valid())
        return;
    ::unlink(path_.c_str());
    fd_.reset();
}

} // namespace qd
