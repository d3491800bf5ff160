#include "qemu_docker/util/temporary_directory.h"

#include "qemu_docker/util/error.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

namespace qd {
namespace {

namespace fs = std::filesystem;

std::string absolute_path(const std::string& path, const std::string& cwd) {
    std::string normal = (fs::path(cwd) / path).lexically_normal().string();
    if (normal.size() > 1 && normal.back() == '/')
        normal.pop_back();
    return normal;
}

// Whether a file can be made and written in DIR: tempfile's test of a
// candidate directory.
bool can_write_file_in(const std::string& dir) {
    std::string name = (fs::path(dir) / "tmpXXXXXX").string();
    int fd = ::mkstemp(name.data());
    if (fd < 0)
        return false;
    bool written = ::write(fd, "blat", 4) == 4;
    ::close(fd);
    ::unlink(name.c_str());
    return written;
}

} // namespace

std::string first_writable_directory(const std::vector<std::string>& dirs) {
    for (const auto& dir : dirs)
        if (can_write_file_in(dir))
            return dir;
    throw Error(fmt::format("no usable temporary directory in {}", fmt::join(dirs, ", ")));
}

std::vector<std::string>
temporary_directory_candidates(const std::function<const char*(const char*)>& getenv,
                               const std::string& cwd) {
    std::vector<std::string> dirs;
    for (const char* name : {"TMPDIR", "TEMP", "TMP"})
        if (const char* value = getenv(name); value && *value)
            dirs.push_back(absolute_path(value, cwd));
    for (const char* dir : {"/tmp", "/var/tmp", "/usr/tmp"})
        dirs.push_back(dir);
    dirs.push_back(cwd);
    return dirs;
}

TemporaryDirectory::TemporaryDirectory(const std::string& prefix) {
    std::error_code ec;
    std::string cwd = fs::current_path(ec).string();
    auto dir =
        first_writable_directory(temporary_directory_candidates(std::getenv, ec ? "." : cwd));
    std::string pattern = (fs::path(dir) / (prefix + "XXXXXX")).string();
    if (!::mkdtemp(pattern.data()))
        throw Error(
            fmt::format("cannot make a temporary directory {}: {}", pattern, std::strerror(errno)));
    path_ = pattern;
}

TemporaryDirectory::~TemporaryDirectory() {
    std::error_code ec;
    fs::remove_all(path_, ec);
    if (ec) {
        std::fflush(stdout);
        fmt::print(stderr, "qemu-docker: warning: cannot remove the temporary directory {}: {}\n",
                   path_.string(), ec.message());
    }
}

} // namespace qd
