#include "qemu_docker/engine/spawn.h"

#include "qemu_docker/engine/signals.h"
#include "qemu_docker/util/environment.h"
#include "qemu_docker/util/error.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <unistd.h>

namespace qd {

namespace {

struct Pipe {
    UniqueFd read, write;
};

Pipe make_pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw Error(fmt::format("pipe: {}", std::strerror(errno)));
    return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

std::vector<std::string> child_environment(const SpawnRequest& request) {
    std::vector<std::string> env;
    for (const auto& variable : environment_variables()) {
        bool overridden = false;
        for (const auto& [name, value] : request.env)
            overridden = overridden || variable.name == name;
        if (!overridden)
            env.emplace_back(variable.entry);
    }
    for (const auto& [name, value] : request.env)
        env.push_back(name + "=" + value);
    return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

class SpawnAttributes {
  public:
    SpawnAttributes() {
        posix_spawnattr_init(&attr_);
        posix_spawn_file_actions_init(&actions_);
        // The child starts with no signal blocked and default handling of
        // those we block, ignore or take through a signalfd.
        sigset_t empty, defaults = interrupt_signals();
        sigemptyset(&empty);
        sigaddset(&defaults, SIGPIPE);
        sigaddset(&defaults, SIGCHLD);
        posix_spawnattr_setsigmask(&attr_, &empty);
        posix_spawnattr_setsigdefault(&attr_, &defaults);
        posix_spawnattr_setflags(&attr_, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    }
    ~SpawnAttributes() {
        posix_spawn_file_actions_destroy(&actions_);
        posix_spawnattr_destroy(&attr_);
    }
    SpawnAttributes(const SpawnAttributes&) = delete;
    SpawnAttributes& operator=(const SpawnAttributes&) = delete;

    void dup_to(int fd, int target) {
        check(posix_spawn_file_actions_adddup2(&actions_, fd, target));
    }
    void open_null(int target) {
        check(posix_spawn_file_actions_addopen(&actions_, target, "/dev/null", O_RDWR, 0));
    }
    void chdir(const std::string& dir) {
        check(posix_spawn_file_actions_addchdir_np(&actions_, dir.c_str()));
    }
    // The child gets stdin, stdout and stderr only, as Python's subprocess
    // (close_fds) gives docker.py's children: not make's jobserver pipes or
    // whatever else the caller left open.
    void close_inherited() { check(posix_spawn_file_actions_addclosefrom_np(&actions_, 3)); }
    const posix_spawnattr_t* attr() const { return &attr_; }
    const posix_spawn_file_actions_t* actions() const { return &actions_; }

  private:
    static void check(int rc) {
        if (rc != 0)
            throw Error(fmt::format("posix_spawn setup: {}", std::strerror(rc)));
    }
    posix_spawnattr_t attr_;
    posix_spawn_file_actions_t actions_;
};

} // namespace

SpawnedProcess spawn_process(const SpawnRequest& request) {
    SpawnedProcess spawned;
    SpawnAttributes spawn;
    Pipe out_pipe, err_pipe;
    if (request.out == Output::Capture) {
        out_pipe = make_pipe();
        spawn.dup_to(out_pipe.write.get(), STDOUT_FILENO);
    } else if (request.out == Output::Null) {
        spawn.open_null(STDOUT_FILENO);
    }
    if (request.err_null) {
        spawn.open_null(STDERR_FILENO);
    } else if (request.err_capture) {
        err_pipe = make_pipe();
        spawn.dup_to(err_pipe.write.get(), STDERR_FILENO);
    }
    if (request.stdin_fd >= 0)
        spawn.dup_to(request.stdin_fd, STDIN_FILENO);
    if (!request.cwd.empty())
        spawn.chdir(request.cwd);
    spawn.close_inherited();

    auto argv_strings = request.argv;
    auto env_strings = child_environment(request);
    auto argv = c_strings(argv_strings);
    auto envp = c_strings(env_strings);
    int rc = posix_spawnp(&spawned.pid, argv[0], spawn.actions(), spawn.attr(), argv.data(),
                          envp.data());
    if (rc != 0) {
        spawned.pid = -1;
        spawned.error = std::strerror(rc);
        return spawned;
    }
    spawned.out = std::move(out_pipe.read);
    spawned.err = std::move(err_pipe.read);
    return spawned;
}

} // namespace qd
