#pragma once

// What doctor looks at: engine commands with a time limit, files, sockets,
// groups.  Reads only: nothing here changes the system.

#include "qemu_docker/doctor/checks.h"
#include "qemu_docker/engine/process.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qd {

// The time each engine command gets before it is ended (a hung daemon must
// not hang doctor).
inline constexpr int kDoctorSeconds = 5;

// PREFIX ARGS..., stdout and stderr captured, ended after SECONDS.  Throws
// Interrupted (after ending it) when SIGINT, SIGTERM or SIGHUP arrives.
Answer ask_with_limit(ProcessRunner& runner, std::vector<std::string> argv, int seconds);

SocketSeen see_socket(const std::string& path);

std::optional<std::string> read_text(const std::filesystem::path& path);
HelperSeen see_helper(const std::string& name);

// The qemu-* entries of /proc/sys/fs/binfmt_misc; false when it is not mounted.
std::pair<bool, std::vector<std::pair<std::string, BinfmtEntry>>> see_binfmt();

// Free bytes for an unprivileged user at PATH, when it can be asked.
std::optional<std::uint64_t> free_bytes(const std::string& path);

// The QEMU_DOCKER_* variables set, by name.
std::vector<std::pair<std::string, std::string>> qemu_docker_settings();

} // namespace qd
