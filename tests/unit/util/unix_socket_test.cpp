#include "qemu_docker/util/unix_socket.h"
#include "temp_dir.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>

namespace {

namespace fs = std::filesystem;

// A socket listening at PATH, bound through its directory so that PATH
// may be longer than a socket address holds.
qd::UniqueFd listen_at(const fs::path& path) {
    qd::UniqueFd dir(::open(path.parent_path().c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    std::string name =
        "/proc/self/fd/" + std::to_string(dir.get()) + "/" + path.filename().string();
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    name.copy(address.sun_path, sizeof address.sun_path - 1);
    qd::UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    EXPECT_EQ(::bind(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    EXPECT_EQ(::listen(fd.get(), 4), 0);
    return fd;
}

// Connected to the listener: the peer it accepts sees what we send.
void expect_connected(qd::UniqueFd& client, const qd::UniqueFd& listener) {
    ASSERT_TRUE(client.valid()) << std::strerror(errno);
    qd::UniqueFd peer(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
    ASSERT_TRUE(peer.valid());
    ASSERT_EQ(::send(client.get(), "x", 1, MSG_NOSIGNAL), 1);
    char byte = 0;
    EXPECT_EQ(::recv(peer.get(), &byte, 1, 0), 1);
    EXPECT_EQ(byte, 'x');
    EXPECT_TRUE(::fcntl(client.get(), F_GETFD) & FD_CLOEXEC);
}

TEST(UnixSocket, ConnectsToAShortPath) {
    qd::test::TempDir tmp;
    auto listener = listen_at(tmp.path() / "s.sock");
    auto client = qd::connect_unix_socket(tmp.path() / "s.sock");
    expect_connected(client, listener);
}

TEST(UnixSocket, ConnectsToAPathLongerThanASocketAddressHolds) {
    qd::test::TempDir tmp;
    fs::path dir = tmp.path() / std::string(60, 'h') / std::string(60, 'o') / "cc-0123456789abcdef";
    fs::create_directories(dir);
    fs::path path = dir / "agent.sock";
    ASSERT_GT(path.native().size(), sizeof(sockaddr_un::sun_path));
    auto listener = listen_at(path);
    auto client = qd::connect_unix_socket(path);
    expect_connected(client, listener);
}

TEST(UnixSocket, NothingListeningSaysWhy) {
    qd::test::TempDir tmp;
    fs::path long_dir = tmp.path() / std::string(120, 'l');
    fs::create_directories(long_dir);
    for (const fs::path& path : {tmp.path() / "none.sock", long_dir / "none.sock"}) {
        errno = 0;
        EXPECT_FALSE(qd::connect_unix_socket(path).valid()) << path;
        EXPECT_EQ(errno, ENOENT) << path;
    }
    errno = 0;
    EXPECT_FALSE(qd::connect_unix_socket(tmp.path() / std::string(120, 'm') / "s.sock").valid());
    EXPECT_EQ(errno, ENOENT) << "a long path whose directory is missing";
}

} // namespace
