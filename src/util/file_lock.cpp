#include "qemu_docker/util/file_lock.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>

namespace qd {

FileLock::FileLock(const std::filesystem::path& path)
    : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600)) {
    if (!fd_.valid())
        return;
    int r;
    do
        r = ::flock(fd_.get(), LOCK_EX);
    while (r != 0 && errno == EINTR);
    if (r != 0)
        fd_.reset();
}

} // namespace qd
