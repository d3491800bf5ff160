#include "qemu_docker/util/unix_socket.h"

#include <cerrno>
#include <sys/socket.h>
#include <sys/un.h>

namespace qd {

UniqueFd connect_unix_socket(const std::filesystem::path& path) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.native().size() >= sizeof address.sun_path) {
        errno = ENAMETOOLONG;
        return {};
    }
    path.native().copy(address.sun_path, sizeof address.sun_path - 1);
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    while (fd.valid() &&
           ::connect(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        if (errno != EINTR)
            return {};
    }
    return fd;
}

} // namespace qd
