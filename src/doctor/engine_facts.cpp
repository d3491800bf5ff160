#include "qemu_docker/doctor/engine_facts.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace qd {

using nlohmann::json;

std::vector<std::string> info_json_argv() {
    return {"info", "--format", "{{json .}}"};
}

namespace {

std::string text_at(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

const json& object_at(const json& object, const char* key) {
    static const json none = json::object();
    auto it = object.find(key);
    return it != object.end() && it->is_object() ? *it : none;
}

EngineFacts podman_facts(const json& info) {
    const json& host = object_at(info, "host");
    const json& store = object_at(info, "store");
    auto rootless = object_at(host, "security").find("rootless");
    return {rootless != object_at(host, "security").end() && rootless->is_boolean() &&
                rootless->get<bool>(),
            text_at(host, "hostname"), text_at(store, "graphDriverName"),
            text_at(store, "graphRoot")};
}

EngineFacts docker_facts(const json& info) {
    bool rootless = false;
    if (auto options = info.find("SecurityOptions"); options != info.end() && options->is_array())
        for (const auto& option : *options)
            if (option.is_string() && option.get<std::string>().find("name=rootless") == 0)
                rootless = true;
    return {rootless, text_at(info, "Name"), text_at(info, "Driver"),
            text_at(info, "DockerRootDir")};
}

bool says(std::string_view message, std::string_view words) {
    return message.find(words) != std::string_view::npos;
}

} // namespace

std::optional<EngineFacts> parse_info_json(std::string_view output) {
    json info = json::parse(output, nullptr, false);
    if (!info.is_object())
        return std::nullopt;
    if (info.contains("host") && info.contains("store"))
        return podman_facts(info);
    if (info.contains("DockerRootDir") || info.contains("ServerVersion"))
        return docker_facts(info);
    return std::nullopt;
}

std::string version_in(std::string_view output) {
    for (std::size_t start = 0; start < output.size();) {
        std::size_t end = std::min(output.find('\n', start), output.size());
        std::string_view line = output.substr(start, end - start);
        line.remove_prefix(std::min(line.find_first_not_of(" \t"), line.size()));
        if (line.starts_with("Version:")) {
            line.remove_prefix(8);
            line.remove_prefix(std::min(line.find_first_not_of(" \t"), line.size()));
            return std::string(line.substr(0, line.find_last_not_of(" \t\r") + 1));
        }
        start = end + 1;
    }
    return "";
}

std::string fix_for(std::string_view program, std::string_view message, const std::string& user) {
    if (says(message, "a password is required") || says(message, "a terminal is required"))
        return "let sudo run docker without a password (a NOPASSWD rule in /etc/sudoers.d), or "
               "use podman or docker's group instead";
    if (says(message, "No such file or directory") && says(message, "cannot start"))
        return fmt::format("install it (apt-get install {}), or use the other engine",
                           program == "podman" ? "podman" : "docker.io");
    if (says(message, "permission denied") && says(message, "docker"))
        return fmt::format("join the group that owns the socket (sudo usermod -aG docker {}), "
                           "then log in again; see the socket line",
                           user);
    if (says(message, "Is the docker daemon running") ||
        says(message, "Cannot connect to the Docker daemon"))
        return "start the daemon (sudo systemctl start docker), or point DOCKER_HOST or the "
               "context at one that runs";
    if (says(message, "newuidmap") || says(message, "newgidmap") || says(message, "subuid") ||
        says(message, "subgid") || says(message, "cannot find UID/GID"))
        return fmt::format("give {0} id ranges (sudo usermod --add-subuids 100000-165535 "
                           "--add-subgids 100000-165535 {0}), install uidmap, then run "
                           "`podman system migrate`",
                           user);
    if (says(message, "unable to connect to Podman") || says(message, "Cannot connect to Podman"))
        return "start the podman service, or check CONTAINER_HOST and `podman system connection "
               "list`";
    if (says(message, "no answer in"))
        return "the engine hangs: look at its daemon or service (systemctl status docker, "
               "podman.socket), or at DOCKER_HOST and the context";
    return "";
}

} // namespace qd
