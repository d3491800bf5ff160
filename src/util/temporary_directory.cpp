#include "qemu_docker/util/temporary_directory.h"

#include "qemu_docker/util/error.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>

namespace qd {

TemporaryDirectory::TemporaryDirectory(const std::string& prefix) {
    const char* tmpdir = std::getenv("TMPDIR");
    std::string pattern = fmt::format("{}/{}XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp", prefix);
    if (!::mkdtemp(pattern.data()))
        throw Error(
            fmt::format("cannot make a temporary directory {}: {}", pattern, std::strerror(errno)));
    path_ = pattern;
}

TemporaryDirectory::~TemporaryDirectory() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

} // namespace qd
