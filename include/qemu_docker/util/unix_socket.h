#pragma once

// A connection to a unix stream socket.

#include "qemu_docker/util/unique_fd.h"

#include <filesystem>

namespace qd {

// Connected to PATH (close-on-exec), also one longer than a socket
// address holds; not valid when it cannot be (errno says why).
UniqueFd connect_unix_socket(const std::filesystem::path& path);

} // namespace qd
