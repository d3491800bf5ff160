#pragma once

// Frames (protocol.h) over a unix stream socket, with file descriptors
// passed beside them (SCM_RIGHTS).  Reports failures by return value and
// errno: the agent must outlive any one client.

#include "qemu_docker/util/unique_fd.h"

#include <span>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace qd {

// Writes frame(PAYLOAD) whole (SIGPIPE never raised), FDS going with its
// first byte; false when the socket fails.
bool send_frame(int socket, std::string_view payload, std::span<const int> fds = {});

// One read: the bytes appended to BUFFER, descriptors that came with them to
// FDS (close-on-exec).  Returns the bytes read: 0 at the end, -1 on an error.
ssize_t receive(int socket, std::string& buffer, std::vector<UniqueFd>& fds);

} // namespace qd
