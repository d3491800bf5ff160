#pragma once

// An exclusive flock(2) on a file, held while the object lives.  The file
// may be removed while the lock is held (remove()): whoever waited for it
// then locks the file made anew at the path, never the removed one.

#include "qemu_docker/util/unique_fd.h"

#include <filesystem>

namespace qd {

class FileLock {
  public:
    // Waits for the lock on PATH (made 0600 if missing).
    explicit FileLock(const std::filesystem::path& path);
    // Whether the lock is held (false: the file could not be opened).
    bool held() const { return fd_.valid(); }
    // Removes the file and lets the lock go.
    void remove();

  private:
    std::filesystem::path path_;
    UniqueFd fd_;
};

} // namespace qd
