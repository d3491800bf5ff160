#include "qemu_docker/engine/rootless.h"

#include <nlohmann/json.hpp>

namespace qd {

std::vector<std::string> rootless_query_argv(bool podman) {
    if (podman)
        return {"info", "--format", "{{.Host.Security.Rootless}}"};
    return {"info", "--format", "{{json .SecurityOptions}}"};
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

} // namespace

std::optional<bool> parse_rootless_answer(bool podman, std::string_view output) {
    std::string_view answer = trimmed(output);
    if (podman) {
        if (answer == "true" || answer == "false")
            return answer == "true";
        return std::nullopt;
    }
    auto options = nlohmann::json::parse(answer, nullptr, false);
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

} // namespace qd
