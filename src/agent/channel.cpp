#include "qemu_docker/agent/channel.h"

#include "qemu_docker/agent/protocol.h"

#include <cerrno>
#include <cstring>
#include <sys/socket.h>

namespace qd {

namespace {

constexpr std::size_t kMaxFds = 4;

} // namespace

bool send_frame(int socket, std::string_view payload, std::span<const int> fds) {
    std::string bytes = frame(payload);
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        iovec io{bytes.data() + sent, bytes.size() - sent};
        msghdr message{};
        message.msg_iov = &io;
        message.msg_iovlen = 1;
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxFds)] = {};
        if (sent == 0 && !fds.empty() && fds.size() <= kMaxFds) {
            message.msg_control = control;
            message.msg_controllen = CMSG_SPACE(sizeof(int) * fds.size());
            cmsghdr* header = CMSG_FIRSTHDR(&message);
            header->cmsg_level = SOL_SOCKET;
            header->cmsg_type = SCM_RIGHTS;
            header->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
            std::memcpy(CMSG_DATA(header), fds.data(), sizeof(int) * fds.size());
        }
        ssize_t n = ::sendmsg(socket, &message, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

ssize_t receive(int socket, std::string& buffer, std::vector<UniqueFd>& fds) {
    char data[4096];
    iovec io{data, sizeof data};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxFds)];
    msghdr message{};
    message.msg_iov = &io;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    ssize_t n;
    while ((n = ::recvmsg(socket, &message, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR) {
    }
    for (cmsghdr* h = CMSG_FIRSTHDR(&message); n >= 0 && h; h = CMSG_NXTHDR(&message, h)) {
        if (h->cmsg_level != SOL_SOCKET || h->cmsg_type != SCM_RIGHTS)
            continue;
        std::size_t count = (h->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (std::size_t i = 0; i < count; ++i) {
            int fd;
            std::memcpy(&fd, CMSG_DATA(h) + i * sizeof(int), sizeof fd);
            fds.emplace_back(fd);
        }
    }
    if (n > 0)
        buffer.append(data, static_cast<std::size_t>(n));
    return n;
}

} // namespace qd
