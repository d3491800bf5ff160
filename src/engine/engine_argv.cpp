#include "qemu_docker/engine/engine_argv.h"

namespace qd {

std::vector<std::string> run_argv(const std::string& uuid, const std::optional<RunAsUser>& user,
                                  const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"run", "--rm", "--label",
                                     std::string(kInstanceLabel) + "=" + uuid};
    if (user && !user->root_is_user) {
        if (user->keep_id)
            argv.push_back("--userns=keep-id");
        argv.push_back("-u");
        argv.push_back(std::to_string(user->uid));
    }
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

std::vector<std::string> cc_compiler_args(std::vector<std::string> args) {
    if (!args.empty() && args.front() == "--")
        args.erase(args.begin());
    return args;
}

std::vector<std::string> cc_mount_args(const std::string& cwd,
                                       const std::vector<std::string>& paths) {
    std::vector<std::string> out = {"-w", cwd, "-v", cwd + ":" + cwd + ":rw"};
    for (const auto& p : paths) {
        out.push_back("-v");
        out.push_back(p + ":" + p + ":ro,z");
    }
    return out;
}

std::vector<std::string> cc_run_args(const std::string& cwd, const std::vector<std::string>& paths,
                                     const std::string& image, const std::string& cc,
                                     std::vector<std::string> args) {
    args = cc_compiler_args(std::move(args));
    std::vector<std::string> out = cc_mount_args(cwd, paths);
    out.push_back(image);
    out.push_back(cc);
    out.insert(out.end(), args.begin(), args.end());
    return out;
}

std::string instance_filter(const std::optional<std::string>& uuid) {
    std::string filter = std::string("--filter=label=") + kInstanceLabel;
    if (uuid)
        filter += "=" + *uuid;
    return filter;
}

std::vector<std::string> ps_argv(const std::string& filter, bool all) {
    std::vector<std::string> argv = {"ps", "-q"};
    if (all)
        argv.push_back("-a");
    argv.push_back(filter);
    return argv;
}

std::vector<std::string> rm_argv(const std::string& id, bool podman) {
    if (podman)
        return {"rm", "-f", "--time", "0", id};
    return {"rm", "-f", id};
}
std::vector<std::string> pull_argv(const std::string& image) {
    return {"pull", image};
}
std::vector<std::string> tag_argv(const std::string& source, const std::string& target) {
    return {"tag", source, target};
}
std::vector<std::string> inspect_argv(const std::string& image) {
    return {"inspect", image};
}

std::vector<std::string> build_argv(const std::string& tag, const std::string& dockerfile,
                                    bool buildkit, const std::optional<std::string>& cache_from,
                                    const std::vector<std::string>& args,
                                    const std::string& context) {
    std::vector<std::string> argv = {"build", "-t", tag, "-f", dockerfile};
    if (buildkit) {
        argv.push_back("--build-arg");
        argv.push_back("BUILDKIT_INLINE_CACHE=1");
    }
    if (cache_from) {
        argv.push_back("--cache-from");
        argv.push_back(*cache_from);
    }
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back(context);
    return argv;
}

std::vector<std::string> build_from_stdin_argv(const std::string& tag) {
    return {"build", "-t", tag, "-"};
}

bool podman_is_rootless(unsigned euid, const char* container_host) {
    return euid != 0 && (container_host == nullptr || *container_host == '\0');
}

} // namespace qd
