#pragma once

// Pure builders of every engine command line qemu-docker runs, so that tests
// can compare them exactly without running anything.

#include <optional>
#include <string>
#include <vector>

namespace qd {

inline constexpr const char* kInstanceLabel = "com.qemu.instance.uuid";

// How `run` maps the current user into the container.
struct RunAsUser {
    unsigned uid;
    bool keep_id;              // add --userns=keep-id (rootless podman only)
    bool root_is_user = false; // rootless docker: its root is the user; no -u
};

// run --rm --label com.qemu.instance.uuid=UUID [--userns=keep-id] [-u UID] ARGS
std::vector<std::string> run_argv(const std::string& uuid, const std::optional<RunAsUser>& user,
                                  const std::vector<std::string>& args);

// The arguments `cc` gives to `run`: -w CWD -v CWD:CWD:rw [-v P:P:ro,z]... IMAGE CC ARGS
// The compiler's arguments: cc's after a leading `--`.
std::vector<std::string> cc_compiler_args(std::vector<std::string> args);
// cc's -w CWD -v CWD:CWD:rw and -v PATH:PATH:ro,z for each source path.
std::vector<std::string> cc_mount_args(const std::string& cwd,
                                       const std::vector<std::string>& paths);
std::vector<std::string> cc_run_args(const std::string& cwd, const std::vector<std::string>& paths,
                                     const std::string& image, const std::string& cc,
                                     std::vector<std::string> args);

// --filter=label=com.qemu.instance.uuid[=UUID]
std::string instance_filter(const std::optional<std::string>& uuid);

// ps -q [-a] FILTER
std::vector<std::string> ps_argv(const std::string& filter, bool all);

// rm -f ID; for podman also --time 0, since its rm -f otherwise waits 10 s
// for the container to stop before killing it (docker's rm -f kills at once).
std::vector<std::string> rm_argv(const std::string& id, bool podman);
std::vector<std::string> pull_argv(const std::string& image);
std::vector<std::string> tag_argv(const std::string& source, const std::string& target);
std::vector<std::string> inspect_argv(const std::string& image);

// build -t TAG -f DOCKERFILE [--build-arg BUILDKIT_INLINE_CACHE=1]
//       [--cache-from CACHE] ARGS... CONTEXT
std::vector<std::string> build_argv(const std::string& tag, const std::string& dockerfile,
                                    bool buildkit, const std::optional<std::string>& cache_from,
                                    const std::vector<std::string>& args,
                                    const std::string& context);

// build -t TAG - (the context is a tar on stdin)
std::vector<std::string> build_from_stdin_argv(const std::string& tag);

// Whether podman needs --userns=keep-id to run as the current user: only
// when rootless (not root, and not talking to a remote service).
bool podman_is_rootless(unsigned euid, const char* container_host);

} // namespace qd
