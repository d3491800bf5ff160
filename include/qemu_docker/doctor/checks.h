#pragma once

// doctor's checks: each turns what was observed (observe.h) into one
// Finding.  Pure, so that each case is unit-tested without an engine.

#include "qemu_docker/doctor/engine_facts.h"
#include "qemu_docker/doctor/finding.h"
#include "qemu_docker/engine/process.h"
#include "qemu_docker/image/binfmt.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qd {

// An engine command that doctor ran with a time limit.
struct Answer {
    ProcessResult result;
    bool timed_out = false;
    int seconds = 0; // the limit
};

Finding program_finding(const std::string& command, const std::string& program,
                        const std::optional<std::string>& path);
// `COMMAND version`, and whether it works.
Finding version_finding(const std::string& command, const Answer& answer, const std::string& user);
Finding info_finding(const std::string& command, const Answer& answer,
                     const std::optional<EngineFacts>& facts, const std::string& user);

// A docker daemon's unix socket, as seen from here.
struct SocketSeen {
    std::string path;
    bool exists = false;
    bool is_socket = false;
    bool usable = false;           // we may read and write it
    std::string group;             // the group that owns it
    bool group_listed = false;     // the user is in /etc/group's list of it...
    bool group_in_session = false; // ...and this process has it
    std::string user;
};
Finding socket_finding(const SocketSeen& socket);

// USER's ranges in the text of /etc/subuid or /etc/subgid (NAME or UID:START:COUNT).
std::vector<std::pair<std::uint64_t, std::uint64_t>>
subid_ranges(std::string_view text, const std::string& user, unsigned uid);
// FILE: /etc/subuid or /etc/subgid; TEXT nullopt when it cannot be read.
Finding subid_finding(const std::string& file, const std::optional<std::string>& text,
                      const std::string& user, unsigned uid);

// newuidmap or newgidmap: where, and whether it may map ids (setuid root
// or a file capability).
struct HelperSeen {
    std::string name;
    std::optional<std::string> path;
    bool privileged = false;
};
Finding helper_finding(const HelperSeen& helper);

Finding storage_finding(const std::string& command, const EngineFacts& facts);
// Whether the engine runs on this machine (OUR_HOST).
Finding host_finding(const std::string& command, const EngineFacts& facts,
                     const std::string& our_host);

// The binfmt_misc entries named qemu-*; MOUNTED false when there is no
// /proc/sys/fs/binfmt_misc to read.
Finding binfmt_finding(bool mounted,
                       const std::vector<std::pair<std::string, BinfmtEntry>>& entries);

Finding space_finding(const std::string& path, std::optional<std::uint64_t> free_bytes);

// The QEMU_DOCKER_* variables set (NAME, VALUE): one finding each.
std::vector<Finding> settings_findings(const std::vector<std::pair<std::string, std::string>>& set);

} // namespace qd
