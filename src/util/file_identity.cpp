#include "qemu_docker/util/file_identity.h"

#include <sys/stat.h>

namespace qd {

std::optional<FileIdentity> file_identity(const std::filesystem::path& path) {
    struct stat st {};
    if (path.empty() || ::stat(path.c_str(), &st) != 0)
        return std::nullopt;
    return FileIdentity{path.string(), st.st_dev, st.st_ino, st.st_size,
                        st.st_mtim.tv_sec * 1'000'000'000LL + st.st_mtim.tv_nsec};
}

} // namespace qd
