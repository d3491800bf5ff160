#include "qemu_docker/util/unix_socket.h"

#include <cerrno>
#include <fcntl.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>

namespace qd {

namespace {

UniqueFd connect_to(const std::string& path) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path.size() >= sizeof address.sun_path) {
        errno = ENAMETOOLONG;
        return {};
    }
    path.copy(address.sun_path, sizeof address.sun_path - 1);
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    while (fd.valid() &&
           ::connect(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        if (errno != EINTR)
            return {};
    }
    return fd;
}

} // namespace

UniqueFd connect_unix_socket(const std::filesystem::path& path) {
    if (path.native().size() < sizeof(sockaddr_un::sun_path))
        return connect_to(path.native());
    // A path longer than sun_path (a deep home directory): reached through
    // its directory, held open, as /proc/self/fd/N/NAME.
    UniqueFd dir(::open(path.parent_path().c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!dir.valid())
        return {};
    return connect_to("/proc/self/fd/" + std::to_string(dir.get()) + "/" +
                      path.filename().string());
}

} // namespace qd
