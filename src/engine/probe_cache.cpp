#include "qemu_docker/engine/probe_cache.h"

#include "qemu_docker/util/private_file.h"
#include "qemu_docker/util/program_on_path.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fmt/format.h>
#include <functional>
#include <sys/stat.h>
#include <unistd.h>

namespace qd {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> variable(const char* name) {
    const char* value = std::getenv(name);
    return value ? std::optional<std::string>(value) : std::nullopt;
}

// The file posix_spawnp would run for NAME.
std::optional<FileIdentity> program(const std::string& name) {
    auto found = program_on_path(name);
    return found ? std::optional<FileIdentity>(file_identity(*found)) : std::nullopt;
}

// docker's socket when DOCKER_HOST names none.
fs::path docker_socket() {
    std::string host = variable("DOCKER_HOST").value_or("unix:///var/run/docker.sock");
    return host.starts_with("unix://") ? fs::path(host.substr(7)) : fs::path();
}

fs::path config_home_directory() {
    auto xdg = variable("XDG_CONFIG_HOME");
    return xdg && !xdg->empty() ? fs::path(*xdg) : home_directory() / ".config";
}

std::int64_t now_seconds() {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

// Each docker context's meta.json (its endpoint): `docker context update`
// rewrites the current one.  Which one is current would need config.json
// parsed and a SHA-256 of its name; the few there are cost less to stat.
void add_docker_contexts(ProbeInputs& in, const fs::path& meta) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(meta, ec), end; !ec && it != end; it.increment(ec))
        files.push_back(it->path() / "meta.json");
    std::sort(files.begin(), files.end());
    for (const auto& file : files)
        in.files.emplace_back("docker context " + file.parent_path().filename().string(),
                              file_identity(file));
}

} // namespace

ProbeInputs current_probe_inputs(EngineChoice choice) {
    ProbeInputs in;
    in.choice = choice;
    in.uid = ::getuid();
    in.euid = ::geteuid();
    for (const char* name :
         {"PATH", "HOME", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "DOCKER_HOST", "DOCKER_CONTEXT",
          "DOCKER_CONFIG", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "CONTAINER_HOST",
          "CONTAINER_CONNECTION", "CONTAINERS_CONF", "CONTAINERS_STORAGE_CONF",
          "PODMAN_CONNECTIONS_CONF"})
        in.variables.emplace_back(name, variable(name));
    for (const char* name : {"podman", "docker", "sudo"})
        in.files.emplace_back(name, program(name));
    fs::path docker_config =
        variable("DOCKER_CONFIG").value_or((home_directory() / ".docker").string());
    in.files.emplace_back("docker socket", file_identity(docker_socket()));
    in.files.emplace_back("docker config", file_identity(docker_config / "config.json"));
    in.files.emplace_back(
        "containers.conf",
        file_identity(
            variable("CONTAINERS_CONF")
                .value_or((config_home_directory() / "containers" / "containers.conf").string())));
    in.files.emplace_back("system containers.conf",
                          file_identity("/etc/containers/containers.conf"));
    fs::path containers_config = config_home_directory() / "containers";
    in.files.emplace_back(
        "podman connections",
        file_identity(variable("PODMAN_CONNECTIONS_CONF")
                          .value_or((containers_config / "podman-connections.json").string())));
    in.files.emplace_back(
        "storage.conf",
        file_identity(variable("CONTAINERS_STORAGE_CONF")
                          .value_or((containers_config / "storage.conf").string())));
    in.files.emplace_back("system storage.conf", file_identity("/etc/containers/storage.conf"));
    add_docker_contexts(in, docker_config / "contexts" / "meta");
    return in;
}

ProbeCache::ProbeCache(fs::path file, std::string key)
    : file_(std::move(file)), key_(std::move(key)) {}

std::shared_ptr<const ProbeCache> ProbeCache::open(EngineChoice choice) {
    if (variable("QEMU_DOCKER_PROBE_CACHE") == "0")
        return nullptr;
    auto dir = user_state_directory();
    if (!dir)
        return nullptr;
    std::string key = probe_key(current_probe_inputs(choice));
    // std::hash, not SHA-1: OpenSSL's start-up would cost more than the
    // probe saves; the record holds the whole key against collisions.
    fs::path file = *dir / fmt::format("probe-{:016x}.json", std::hash<std::string>{}(key));
    return std::shared_ptr<const ProbeCache>(new ProbeCache(std::move(file), std::move(key)));
}

std::optional<EngineCommand> ProbeCache::load() const {
    auto text = read_private_file(file_);
    return text ? read_probe_record(*text, key_, now_seconds()) : std::nullopt;
}

void ProbeCache::store(const EngineCommand& engine) const {
    write_private_file(file_, probe_record(key_, engine, now_seconds()));
}

void ProbeCache::drop() const {
    remove_private_file(file_);
}

} // namespace qd
