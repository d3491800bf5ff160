#include "qemu_docker/util/private_file.h"

#include "qemu_docker/util/error.h"
#include "qemu_docker/util/file_writing.h"
#include "qemu_docker/util/unique_fd.h"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qd {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxSize = 1 << 20; // far more than any record

bool owned_by_us(const struct stat& st) {
    return st.st_uid == ::geteuid();
}

bool write_whole(int fd, std::string_view text, const fs::path& path) {
    try {
        write_all(fd, text, path.string());
        return true;
    } catch (const Error&) {
        return false;
    }
}

} // namespace

std::optional<fs::path> private_directory(const fs::path& dir, bool make) {
    std::error_code ec;
    if (make)
        fs::create_directories(dir.parent_path(), ec);
    if (make && ::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
        return std::nullopt;
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || !owned_by_us(st) ||
        (st.st_mode & 077) != 0)
        return std::nullopt;
    return dir;
}

std::optional<std::string> read_private_file(const fs::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
    struct stat st {};
    if (!fd.valid() || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || !owned_by_us(st) ||
        (st.st_mode & 022) != 0 || static_cast<std::size_t>(st.st_size) > kMaxSize)
        return std::nullopt;
    std::string text(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t got = 0;
    while (got < text.size()) {
        ssize_t n = ::read(fd.get(), text.data() + got, text.size() - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return std::nullopt;
        got += static_cast<std::size_t>(n);
    }
    return text;
}

bool write_private_file(const fs::path& path, std::string_view text) {
    std::string temporary = path.string() + ".XXXXXX";
    UniqueFd fd(::mkostemp(temporary.data(), O_CLOEXEC));
    if (!fd.valid())
        return false;
    bool written = ::fchmod(fd.get(), 0600) == 0 && write_whole(fd.get(), text, temporary);
    if (written && ::rename(temporary.c_str(), path.c_str()) == 0)
        return true;
    ::unlink(temporary.c_str());
    return false;
}

fs::path home_directory() {
    if (const char* h = std::getenv("HOME"); h && *h)
        return h;
    const passwd* pw = ::getpwuid(::geteuid());
    return pw && pw->pw_dir ? fs::path(pw->pw_dir) : fs::path();
}

namespace {

bool owned_by_us(const fs::path& dir) {
    struct stat st {};
    return ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::geteuid();
}

// $HOME when it is the effective user's (not so under sudo -E, or with a
// HOME a script left), else the passwd entry's; empty if neither is.
fs::path own_home_directory() {
    if (const char* h = std::getenv("HOME"); h && *h && owned_by_us(h))
        return h;
    const passwd* pw = ::getpwuid(::geteuid());
    return pw && pw->pw_dir && owned_by_us(pw->pw_dir) ? fs::path(pw->pw_dir) : fs::path();
}

} // namespace

std::optional<fs::path> user_state_directory(bool make) {
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    struct stat st {};
    if (runtime && *runtime && ::lstat(runtime, &st) == 0 && S_ISDIR(st.st_mode) &&
        st.st_uid == ::geteuid() && (st.st_mode & 077) == 0)
        return private_directory(fs::path(runtime) / "qemu-docker", make);
    fs::path home = own_home_directory();
    if (home.empty())
        return std::nullopt;
    return private_directory(home / ".cache" / "qemu-docker", make);
}

void remove_private_file(const fs::path& path) {
    ::unlink(path.c_str());
}

} // namespace qd
