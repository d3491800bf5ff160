#include "qemu_docker/doctor/observe.h"

#include "qemu_docker/engine/signals.h"
#include "qemu_docker/util/current_user.h"
#include "qemu_docker/util/environment.h"
#include "qemu_docker/util/private_file.h"
#include "qemu_docker/util/program_on_path.h"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <grp.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace qd {

namespace fs = std::filesystem;

namespace {

// Ends CHILD: SIGTERM (sudo passes it on), then SIGKILL a second later.
void end_child(ChildProcess& child) {
    child.send(SIGTERM);
    if (!child.wait(std::chrono::seconds(1)).exited) {
        child.send(SIGKILL);
        while (!child.wait().exited) {
        }
    }
}

bool in_session(gid_t gid) {
    if (getegid() == gid)
        return true;
    std::vector<gid_t> groups(static_cast<size_t>(std::max(getgroups(0, nullptr), 0)));
    int n = getgroups(static_cast<int>(groups.size()), groups.data());
    return n > 0 && std::find(groups.begin(), groups.begin() + n, gid) != groups.begin() + n;
}

} // namespace

Answer ask_with_limit(ProcessRunner& runner, std::vector<std::string> argv, int seconds) {
    SpawnRequest request;
    request.argv = std::move(argv);
    request.out = Output::Capture;
    request.err_capture = true;
    Answer answer;
    answer.seconds = seconds;
    auto child = runner.start(request);
    if (child->result().started) {
        WaitEvent event = child->wait(std::chrono::seconds(seconds));
        if (!event.exited) {
            end_child(*child);
            if (event.signal)
                throw Interrupted(event.signal);
            answer.timed_out = true;
        }
    }
    answer.result = child->result();
    return answer;
}

SocketSeen see_socket(const std::string& path) {
    SocketSeen seen;
    seen.path = path;
    seen.user = current_user().name;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return seen;
    seen.exists = true;
    seen.is_socket = S_ISSOCK(st.st_mode);
    seen.usable = ::access(path.c_str(), R_OK | W_OK) == 0;
    seen.group_in_session = in_session(st.st_gid);
    if (const group* g = ::getgrgid(st.st_gid)) {
        seen.group = g->gr_name;
        for (char** member = g->gr_mem; *member; ++member)
            seen.group_listed = seen.group_listed || seen.user == *member;
    } else {
        seen.group = std::to_string(st.st_gid);
    }
    return seen;
}

std::optional<std::string> read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

HelperSeen see_helper(const std::string& name) {
    auto path = program_on_path(name);
    HelperSeen seen{name, path ? std::optional(path->string()) : std::nullopt, false};
    struct stat st {};
    if (seen.path && ::stat(seen.path->c_str(), &st) == 0) {
        bool setuid_root = (st.st_mode & S_ISUID) && st.st_uid == 0;
        bool capability = ::getxattr(seen.path->c_str(), "security.capability", nullptr, 0) > 0;
        seen.privileged = setuid_root || capability;
    }
    return seen;
}

std::pair<bool, std::vector<std::pair<std::string, BinfmtEntry>>> see_binfmt() {
    const fs::path dir = "/proc/sys/fs/binfmt_misc";
    std::vector<std::pair<std::string, BinfmtEntry>> entries;
    std::error_code error;
    if (!fs::exists(dir / "status", error))
        return {false, entries};
    for (const auto& file : fs::directory_iterator(dir, error)) {
        std::string name = file.path().filename().string();
        if (!name.starts_with("qemu-"))
            continue;
        if (auto text = read_text(file.path()))
            entries.emplace_back(name, parse_binfmt_entry(*text));
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return {true, entries};
}

std::optional<std::uint64_t> free_bytes(const std::string& path) {
    struct statvfs vfs {};
    if (path.empty() || ::statvfs(path.c_str(), &vfs) != 0)
        return std::nullopt;
    return static_cast<std::uint64_t>(vfs.f_bavail) * vfs.f_frsize;
}

std::vector<std::pair<std::string, std::string>> qemu_docker_settings() {
    std::vector<std::pair<std::string, std::string>> set;
    for (const auto& variable : environment_variables())
        if (variable.name.starts_with("QEMU_DOCKER_"))
            set.emplace_back(std::string(variable.name), std::string(variable.value));
    return set;
}

} // namespace qd
