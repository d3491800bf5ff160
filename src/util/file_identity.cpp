#include "qemu_docker/util/file_identity.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>

namespace qd {

std::optional<FileIdentity> file_identity(const std::filesystem::path& path) {
    struct stat st {};
    if (path.empty() || ::stat(path.c_str(), &st) != 0)
        return std::nullopt;
    return FileIdentity{path.string(), st.st_dev, st.st_ino, st.st_size,
                        st.st_mtim.tv_sec * 1'000'000'000LL + st.st_mtim.tv_nsec};
}

std::optional<std::string> object_identity(const std::filesystem::path& path) {
    struct statx st {};
    if (path.empty() || ::statx(AT_FDCWD, path.c_str(), 0, STATX_INO | STATX_BTIME, &st) != 0)
        return std::nullopt;
    std::string id = fmt::format("{}:{}:{}", st.stx_dev_major, st.stx_dev_minor, st.stx_ino);
    if (st.stx_mask & STATX_BTIME)
        id += fmt::format(":{}.{:09}", st.stx_btime.tv_sec, st.stx_btime.tv_nsec);
    return id;
}

} // namespace qd
