#include "qemu_docker/util/file_reading.h"

#include "qemu_docker/util/error.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>

namespace qd {

namespace {

[[noreturn]] void throw_read_error(const std::string& name) {
    throw Error(fmt::format("cannot read {}: {}", name, std::strerror(errno)));
}

} // namespace

UniqueFd open_for_reading(const std::filesystem::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid())
        throw_read_error(path.string());
    return fd;
}

void for_each_chunk(int fd, const std::string& name, const ChunkSink& sink) {
    std::array<char, 64 * 1024> buf;
    for (;;) {
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw_read_error(name);
        if (n == 0)
            return;
        sink(std::string_view(buf.data(), static_cast<std::size_t>(n)));
    }
}

void for_each_file_chunk(const std::filesystem::path& path, const ChunkSink& sink) {
    for_each_chunk(open_for_reading(path).get(), path.string(), sink);
}

std::string read_whole_file(const std::filesystem::path& path) {
    std::string text;
    for_each_file_chunk(path, [&](std::string_view chunk) { text += chunk; });
    return text;
}

} // namespace qd
