#include "qemu_docker/engine/warm_container.h"

#include "qemu_docker/util/error.h"
#include "qemu_docker/util/sha1.h"

#include <charconv>
#include <csignal>
#include <cstring>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sstream>

namespace qd {

namespace {

constexpr const char* kUsedMarker = "/tmp/.qemu-docker-used";

std::string pid_file(const std::string& uuid) {
    return "/tmp/.qemu-docker-cc-" + uuid;
}

} // namespace

std::optional<int> reuse_seconds(const char* value) {
    if (!value || !*value)
        return std::nullopt;
    std::string_view text(value);
    int seconds = -1;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc() || end != text.data() + text.size() || seconds < 0 ||
        seconds > kMaxReuseSeconds)
        throw Error(fmt::format(
            "QEMU_DOCKER_REUSE={}: not a number of seconds from 0 to {}",
            nlohmann::json(text).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace),
            kMaxReuseSeconds));
    if (seconds == 0)
        return std::nullopt;
    return seconds;
}

std::string warm_key_hash(const WarmKey& key) {
    nlohmann::json user = nullptr;
    if (key.user)
        user = {key.user->uid, key.user->keep_id};
    nlohmann::json all = {key.engine_prefix, key.image, user, key.mounts, key.seconds};
    return sha1_hex(all.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
        .substr(0, 16);
}

std::string warm_container_name(const std::string& key_hash) {
    return "qemu-docker-cc-" + key_hash;
}

std::vector<std::string> warm_inspect_argv(const std::string& image, const std::string& name) {
    std::string format =
        fmt::format("{{{{.Id}}}}{{{{with .Config.Labels}}}} {{{{index . \"{}\"}}}}{{{{end}}}}",
                    kReuseImageLabel);
    return {"inspect", "--format", format, image, name};
}

WarmState parse_warm_inspect(std::string_view output) {
    WarmState state;
    std::istringstream lines{std::string(output)};
    std::string line;
    if (!std::getline(lines, line))
        return state;
    state.image_id = line.substr(0, line.find(' '));
    if (std::getline(lines, line)) {
        auto space = line.find(' ');
        state.container_image = space == std::string::npos ? "" : line.substr(space + 1);
    }
    return state;
}

std::vector<std::string> warm_run_argv(const WarmKey& key, const std::string& name,
                                       const std::string& uuid, const std::string& key_hash,
                                       const std::string& image_id) {
    std::vector<std::string> args = {"-d",
                                     "--name",
                                     name,
                                     "--label",
                                     std::string(kReuseLabel) + "=" + key_hash,
                                     "--label",
                                     std::string(kReuseImageLabel) + "=" + image_id};
    args.insert(args.end(), key.mounts.begin(), key.mounts.end());
    args.insert(args.end(), {image_id, "sh", "-c", keep_alive_script(key.seconds)});
    return run_argv(uuid, key.user, args);
}

std::vector<std::string> warm_exec_argv(const std::string& name, const std::string& uuid,
                                        const std::string& cc,
                                        const std::vector<std::string>& args) {
    // echo, not ':': a special built-in's failed redirection would end sh.
    std::string wrapper =
        fmt::format("echo 2>/dev/null > {}; echo $$ 2>/dev/null > {}; exec \"$0\" \"$@\"",
                    kUsedMarker, pid_file(uuid));
    std::vector<std::string> argv = {"exec", name, "sh", "-c", wrapper, cc};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

std::vector<std::string> warm_kill_argv(const std::string& name, const std::string& uuid,
                                        int signo) {
    // The compile's processes, children first found from /proc: the
    // compiler driver and what it started (cc1, as, ld).
    std::string script = fmt::format("read -r root < {} || exit 0\n"
                                     "tree() {{\n"
                                     "  for d in /proc/[0-9]*; do\n"
                                     "    read -r p c s pp rest < \"$d/stat\" 2>/dev/null && [ "
                                     "\"$pp\" = \"$1\" ] && tree \"$p\"\n"
                                     "  done\n"
                                     "  kill -s {} \"$1\" 2>/dev/null\n"
                                     "}}\n"
                                     "tree \"$root\"\n",
                                     pid_file(uuid), sigabbrev_np(signo));
    return {"exec", name, "sh", "-c", script};
}

std::string keep_alive_script(int seconds) {
    return fmt::format("n=0\n"
                       "while [ \"$n\" -lt {} ]; do\n"
                       "  sleep 1\n"
                       "  set -- /proc/[0-9]*\n"
                       "  if [ -e {} ] || [ \"$#\" -gt 1 ]; then\n"
                       "    rm -f {}; n=0\n"
                       "  else\n"
                       "    n=$((n + 1))\n"
                       "  fi\n"
                       "done\n",
                       seconds, kUsedMarker, kUsedMarker);
}

} // namespace qd
