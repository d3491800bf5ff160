#include "qemu_docker/engine/rootless.h"

#include <nlohmann/json.hpp>

namespace qd {

std::vector<std::string> rootless_query_argv(bool podman) {
    if (podman)
        return {"info", "--format", "{{.Host.Security.Rootless}} {{.Host.Hostname}}"};
    return {"info", "--format", "{{json .SecurityOptions}} {{.Name}}"};
}

namespace {

std::string_view trimmed(std::string_view text) {
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// docker's options look like "name=seccomp,profile=builtin" and "name=rootless".
bool names_rootless(std::string_view option) {
    for (std::size_t start = 0; start <= option.size();) {
        auto end = option.find(',', start);
        if (end == std::string_view::npos)
            end = option.size();
        if (option.substr(start, end - start) == "name=rootless")
            return true;
        start = end + 1;
    }
    return false;
}

std::optional<bool> docker_rootless(std::string_view json_text) {
    auto options = nlohmann::json::parse(json_text, nullptr, false);
    if (!options.is_array() && !options.is_null())
        return std::nullopt;
    bool rootless = false;
    for (const auto& option : options) {
        if (!option.is_string())
            return std::nullopt;
        rootless = rootless || names_rootless(option.get<std::string>());
    }
    return rootless;
}

} // namespace

std::optional<EngineHost> parse_rootless_answer(bool podman, std::string_view output) {
    std::string_view answer = trimmed(output);
    // "ANSWER HOST"; the host's name has no space, the answer may lack it.
    auto space = podman ? answer.find(' ') : answer.rfind(' ');
    std::string_view first = answer, host;
    if (space != std::string_view::npos && !(!podman && docker_rootless(answer))) {
        first = answer.substr(0, space);
        host = trimmed(answer.substr(space + 1));
    }
    if (host.find_first_of(" \t\r\n") != std::string_view::npos)
        return std::nullopt;
    std::optional<bool> rootless;
    if (!podman)
        rootless = docker_rootless(first);
    else if (first == "true" || first == "false")
        rootless = first == "true";
    if (!rootless)
        return std::nullopt;
    return EngineHost{*rootless, std::string(host)};
}

bool runs_elsewhere(std::string_view engine_host, std::string_view ours) {
    return !engine_host.empty() && !ours.empty() && engine_host != ours;
}

} // namespace qd
