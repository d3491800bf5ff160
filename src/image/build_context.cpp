#include "qemu_docker/image/build_context.h"

#include "qemu_docker/util/error.h"
#include "qemu_docker/util/file_reading.h"
#include "qemu_docker/util/file_writing.h"
#include "qemu_docker/util/path_in_tree.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>

namespace qd {

namespace fs = std::filesystem;

namespace {

// DIR/NAME below the context, normalised as os.path.normpath does, except
// that ".." stops at the context (D11).
std::string path_in_context(const std::string& dir, const std::string& name) {
    return fs::path("/" + dir + "/" + name).lexically_normal().relative_path().string();
}

[[noreturn]] void fail(const std::string& what) {
    throw Error(fmt::format("{}: {}", what, std::strerror(errno)));
}

UniqueFd open_directory(const fs::path& dir) {
    UniqueFd fd(::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!fd.valid())
        fail(dir.string());
    return fd;
}

// Copies IN to OUT within the kernel, without reading the bytes here (the
// file was hashed already); false when the kernel cannot (another file
// system, an old kernel, a seccomp profile), before anything was copied.
bool copy_in_kernel(int in, int out, const std::string& source) {
    for (bool first = true;; first = false) {
        ssize_t n = ::copy_file_range(in, nullptr, out, nullptr, std::size_t{1} << 30, 0);
        if (n > 0)
            continue;
        if (n == 0)
            return true;
        if (errno == EINTR)
            continue;
        if (first && (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP ||
                      errno == EPERM))
            return false;
        fail(source);
    }
}

void copy_contents(int in, const std::string& source, const PlaceInTree& place,
                   const std::string& dest, const ChunkSink& also) {
    struct stat st;
    if (::fstat(in, &st) != 0)
        fail(source);
    UniqueFd out(::openat(place.directory.get(), place.name.c_str(),
                          O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!out.valid())
        fail(dest);
    if (also || !copy_in_kernel(in, out.get(), source))
        for_each_chunk(in, source, [&](std::string_view chunk) {
            write_all(out.get(), chunk, dest);
            if (also)
                also(chunk);
        });
    if (::fchmod(out.get(), st.st_mode & 07777) != 0)
        fail(dest);
}

} // namespace

std::string context_destination(const fs::path& root, const std::string& dir,
                                const std::string& name) {
    std::string top = root.lexically_normal().string();
    while (top.size() > 1 && top.back() == '/')
        top.pop_back();
    return top + "/" + path_in_context(dir, name);
}

bool copy_into_context(const std::string& source, const fs::path& root, const std::string& dir,
                       const std::string& name, const ChunkSink& also) {
    const std::string dest = context_destination(root, dir, name);
    try {
        // the directories first, as docker.py makes them before it copies
        auto place = place_in_tree(open_directory(root).get(), path_in_context(dir, name));
        UniqueFd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
        if (!place || (!in.valid() && errno == ENOENT))
            return false;
        if (!in.valid())
            fail(source);
        copy_contents(in.get(), source, *place, dest, also);
        return true;
    } catch (const Error& e) {
        throw Error(fmt::format("cannot copy {} to {}: {}", source, dest, e.what()));
    }
}

fs::path write_context_dockerfile(const fs::path& root, const std::string& text) {
    std::string name = (root / "tmpXXXXXXXX.docker").string();
    UniqueFd fd(::mkostemps(name.data(), 7, O_CLOEXEC));
    if (!fd.valid())
        throw Error(fmt::format("cannot write {}: {}", name, std::strerror(errno)));
    write_all(fd.get(), text, name);
    return name;
}

} // namespace qd
