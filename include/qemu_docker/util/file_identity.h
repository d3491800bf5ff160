#pragma once

// Which file a path names now: the same path with another device, inode,
// size or mtime is another file (a reinstalled podman, a rewritten store).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace qd {

struct FileIdentity {
    std::string path;
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::int64_t size = 0;
    std::int64_t mtime_ns = 0;

    bool operator==(const FileIdentity&) const = default;
};

// PATH's identity (symlinks followed), or nullopt if it cannot be stat'ed.
std::optional<FileIdentity> file_identity(const std::filesystem::path& path);

// What PATH names (symlinks followed) as one string that changes when it is
// removed and made again, whatever it then holds: device, inode and, where
// the file system keeps one, birth time (ext4 gives a new directory the
// inode number of the one just removed).  nullopt if it cannot be stat'ed.
std::optional<std::string> object_identity(const std::filesystem::path& path);

} // namespace qd
