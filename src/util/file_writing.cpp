#include "qemu_docker/util/file_writing.h"

#include "qemu_docker/util/error.h"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <unistd.h>

namespace qd {

void write_all(int fd, std::string_view data, const std::string& name) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw Error(fmt::format("cannot write {}: {}", name, std::strerror(errno)));
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

} // namespace qd
