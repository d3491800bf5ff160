#pragma once

// Whether docker builds use BuildKit, as docker.py decides it, except where
// the docker client cannot (D6: docker 23+ without the buildx plugin).

#include "qemu_docker/engine/engine.h"

#include <optional>
#include <string_view>

namespace qd {

// The major version in the "Client:" section of `docker version` output, or
// nullopt when there is none or it is too large for an int.
std::optional<int> docker_client_major_version(std::string_view version_output);

// docker.py's rule: a docker engine, and neither TRAVIS nor GITLAB_CI set.
bool wants_buildkit(const Engine& engine, bool travis_or_gitlab);

// Decides for this engine, runs `docker buildx version` only for a client of
// version 23 or later, and sets DOCKER_BUILDKIT=1 on the engine when used.
// When it falls back to the classic builder it sets DOCKER_BUILDKIT=0 and
// says so once on stderr.
bool enable_buildkit_if_possible(Engine& engine);

} // namespace qd
