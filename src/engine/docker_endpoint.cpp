#include "qemu_docker/engine/docker_endpoint.h"

#include "qemu_docker/util/private_file.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace qd {

namespace {

namespace fs = std::filesystem;

// docker's current context, as its client chooses it.
std::string docker_context() {
    if (const char* named = std::getenv("DOCKER_CONTEXT"))
        return named;
    const char* config = std::getenv("DOCKER_CONFIG");
    fs::path dir = config ? fs::path(config) : home_directory() / ".docker";
    std::ifstream in(dir / "config.json", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto json = nlohmann::json::parse(text.str(), nullptr, false);
    if (json.is_object() && json.contains("currentContext") && json["currentContext"].is_string())
        return json["currentContext"].get<std::string>();
    return "default";
}

} // namespace

std::optional<std::string> docker_socket_path() {
    if (const char* host = std::getenv("DOCKER_HOST"); host && *host) {
        std::string_view h = host;
        if (!h.starts_with("unix://"))
            return std::nullopt;
        return std::string(h.substr(7));
    }
    if (docker_context() != "default")
        return std::nullopt;
    return "/var/run/docker.sock";
}

} // namespace qd
