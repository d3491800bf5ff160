#include "qemu_docker/engine/buildkit.h"

#include <charconv>
#include <cstdlib>
#include <fmt/format.h>
#include <sstream>

namespace qd {

std::optional<int> docker_client_major_version(std::string_view version_output) {
    std::istringstream lines{std::string(version_output)};
    bool in_client = false;
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line[0] != ' ' && line[0] != '\t')
            in_client = line.starts_with("Client");
        auto pos = line.find("Version:");
        if (!in_client || pos == std::string::npos || line.find_first_not_of(" \t") != pos)
            continue;
        auto digits = line.find_first_of("0123456789", pos);
        if (digits == std::string::npos)
            return std::nullopt;
        int major = 0;
        const char* end = line.data() + line.size();
        if (std::from_chars(line.data() + digits, end, major).ec != std::errc())
            return std::nullopt; // too large for an int
        return major;
    }
    return std::nullopt;
}

namespace {

bool buildx_works(const Engine& engine) {
    SpawnRequest request;
    request.argv = {"buildx", "version"};
    request.out = Output::Null;
    request.err_null = true;
    return engine.run(std::move(request)).ok();
}

} // namespace

bool wants_buildkit(const Engine& engine, bool travis_or_gitlab) {
    return engine.is_docker() && !travis_or_gitlab;
}

bool enable_buildkit_if_possible(Engine& engine) {
    if (!wants_buildkit(engine, std::getenv("TRAVIS") || std::getenv("GITLAB_CI")))
        return false;
    auto major = docker_client_major_version(engine.version_output());
    if (major && *major >= 23) {
        if (!engine.buildx())
            engine.remember_buildx(buildx_works(engine));
        if (!*engine.buildx()) {
            fmt::print(stderr,
                       "qemu-docker: docker {} has no buildx plugin; "
                       "building with the classic builder\n",
                       *major);
            // an inherited DOCKER_BUILDKIT=1 (CI often sets it) would fail too
            engine.set_env("DOCKER_BUILDKIT", "0");
            return false;
        }
    }
    engine.set_env("DOCKER_BUILDKIT", "1");
    return true;
}

} // namespace qd
