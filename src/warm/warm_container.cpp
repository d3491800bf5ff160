#include "qemu_docker/warm/warm_container.h"

#include "qemu_docker/util/error.h"

#include <charconv>
#include <csignal>
#include <cstring>
#include <fmt/format.h>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

namespace qd {

namespace {

// In the container's /tmp: an entry per running compile, named by its pid.
constexpr const char* kOpenDirectory = "/tmp/.qemu-docker-cc-open";

std::string marker(const std::string& uuid) {
    return std::string(kMarkerMount) + "/" + uuid;
}

} // namespace

std::optional<int> reuse_seconds(const char* value) {
    if (!value || !*value)
        return kDefaultReuseSeconds;
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
        user = {key.user->uid, key.user->keep_id, key.user->root_is_user};
    nlohmann::json all = {key.engine_prefix,
                          key.image,
                          user,
                          key.mounts,
                          key.seconds,
                          key.engine_identity,
                          key.mounted_identities,
                          key.agent,
                          key.agent_identity};
    // std::hash, not SHA-1: OpenSSL's start-up is a few ms on each compile.
    std::string text = all.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return fmt::format("{:016x}", std::hash<std::string>{}(text));
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
                                       const std::string& image_id, const std::string& markers) {
    std::vector<std::string> args = {"-d",
                                     "--name",
                                     name,
                                     "--label",
                                     std::string(kReuseLabel) + "=" + key_hash,
                                     "--label",
                                     std::string(kReuseImageLabel) + "=" + image_id};
    args.insert(args.end(), key.mounts.begin(), key.mounts.end());
    args.insert(args.end(), {"-v", markers + ":" + kMarkerMount + ":rw"});
    if (key.agent.empty())
        args.insert(args.end(), {image_id, "sh", "-c", keep_alive_script(key.seconds)});
    else
        args.insert(args.end(),
                    {"-v", key.agent + ":" + kAgentMount + ":ro", "--entrypoint", kAgentMount,
                     image_id, "--socket", std::string(kMarkerMount) + "/" + kAgentSocket, "--idle",
                     std::to_string(key.seconds), "--image", image_id});
    return run_argv(uuid, key.user, args);
}

std::vector<std::string> warm_exec_argv(const std::string& name, const std::string& uuid,
                                        const std::string& cc,
                                        const std::vector<std::string>& args) {
    // echo, not ':': a special built-in's failed redirection would end sh.
    std::string m = marker(uuid);
    std::string wrapper = fmt::format("mkdir {open}/$$ 2>/dev/null || exit 125\n"
                                      "echo $$ 2>/dev/null > {m} || exit 125\n"
                                      "[ -e {m}.cancel ] && exit 125\n"
                                      "case $0 in\n"
                                      "  */*) [ -f \"$0\" ] && [ -x \"$0\" ] ;;\n"
                                      "  *) command -v \"$0\" >/dev/null 2>&1 ;;\n"
                                      "esac || {{ echo missing 2>/dev/null > {m}; exit 127; }}\n"
                                      "exec \"$0\" \"$@\"\n",
                                      fmt::arg("open", kOpenDirectory), fmt::arg("m", m));
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
                                     marker(uuid), sigabbrev_np(signo));
    return {"exec", name, "sh", "-c", script};
}

CompileMarker read_compile_marker(const std::optional<std::string>& text) {
    if (!text || text->empty())
        return CompileMarker::NotStarted;
    if (*text == "missing\n")
        return CompileMarker::CompilerMissing;
    return CompileMarker::Started;
}

std::vector<std::string> warm_state_argv(const std::string& name) {
    return {"inspect", "--format", "{{.State.Status}}", name};
}

bool says_no_shell(std::string_view errors) {
    // docker: exec: "sh": executable file not found in $PATH
    // podman (runc or crun): executable file `sh` not found in $PATH
    return errors.find("executable file") != std::string_view::npos &&
           (errors.find("\"sh\"") != std::string_view::npos ||
            errors.find("`sh`") != std::string_view::npos);
}

std::string shortcut_record(const PodmanShortcut& s) {
    const auto& f = s.images_file;
    nlohmann::json record = {{"images_file", {f.path, f.device, f.inode, f.size, f.mtime_ns}},
                             {"pid", s.pid},
                             {"pid_start", s.pid_start}};
    return record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

namespace {

// J as a T, if it is an integer (not a float) that T holds.
template <class T> std::optional<T> integer(const nlohmann::json& j) {
    if (j.is_number_unsigned()) {
        auto v = j.get<std::uint64_t>();
        if (v <= static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
            return static_cast<T>(v);
    } else if (j.is_number_integer()) {
        auto v = j.get<std::int64_t>();
        if (v >= 0 || std::numeric_limits<T>::is_signed)
            return static_cast<T>(v);
    }
    return std::nullopt;
}

} // namespace

std::optional<PodmanShortcut> read_shortcut_record(std::string_view text) {
    auto record = nlohmann::json::parse(text, nullptr, false);
    if (!record.is_object() || !record.contains("images_file") || !record.contains("pid") ||
        !record.contains("pid_start"))
        return std::nullopt;
    const auto& f = record["images_file"];
    if (!f.is_array() || f.size() != 5 || !f[0].is_string())
        return std::nullopt;
    auto device = integer<std::uint64_t>(f[1]), inode = integer<std::uint64_t>(f[2]);
    auto size = integer<std::int64_t>(f[3]), mtime = integer<std::int64_t>(f[4]);
    auto pid = integer<long>(record["pid"]);
    auto start = integer<unsigned long long>(record["pid_start"]);
    if (!device || !inode || !size || !mtime || !pid || !start || *pid <= 1)
        return std::nullopt;
    return PodmanShortcut{{f[0].get<std::string>(), *device, *inode, *size, *mtime}, *pid, *start};
}

std::optional<unsigned long long> process_start_time(std::string_view stat) {
    // After the command's name in parentheses, which may hold anything.
    auto close = stat.rfind(')');
    if (close == std::string_view::npos)
        return std::nullopt;
    std::istringstream fields{std::string(stat.substr(close + 1))};
    std::string field;
    for (int n = 3; n <= 22 && fields >> field; ++n)
        if (n == 22) {
            unsigned long long value = 0;
            auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
            if (ec == std::errc() && end == field.data() + field.size())
                return value;
        }
    return std::nullopt;
}

std::string keep_alive_script(int seconds) {
    // A compile's entry stays while its pid lives; rmdir of the directory
    // itself fails while a compile has one, so none can start as it ends.
    return fmt::format("mkdir -p {open} || exit 1\n"
                       "n=0\n"
                       "while :; do\n"
                       "  sleep 1\n"
                       "  n=$((n + 1))\n"
                       "  for e in {open}/*; do\n"
                       "    [ -e \"$e\" ] || continue\n"
                       "    n=0\n"
                       "    [ -d \"/proc/${{e##*/}}\" ] || rmdir \"$e\"\n"
                       "  done\n"
                       "  if [ \"$n\" -ge {seconds} ]; then\n"
                       "    rmdir {open} 2>/dev/null && exit 0\n"
                       "    n=0\n"
                       "  fi\n"
                       "done\n",
                       fmt::arg("open", kOpenDirectory), fmt::arg("seconds", seconds));
}

} // namespace qd
