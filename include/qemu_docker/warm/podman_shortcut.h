#pragma once

// With local podman a warm compile may skip its `inspect`
// (warm_container.h's PodmanShortcut): the record kept per key says which
// images.json and which container process the last look found, and holds
// while both are the same.

#include "qemu_docker/engine/engine.h"
#include "qemu_docker/util/file_identity.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace qd {

// Podman on this machine (no CONTAINER_HOST or CONTAINER_CONNECTION).
bool is_local_podman(const Engine& engine);

// The trimmed stdout of an engine question; empty when it failed.
std::string engine_answer(const Engine& engine, std::vector<std::string> argv);

// Whether the record in FILE still holds.
bool podman_shortcut_holds(const std::filesystem::path& file);

// podman's images.json, as it is before the image is looked at.
std::optional<FileIdentity> podman_image_store(const Engine& engine);

// Records STORE and container NAME's first process in FILE (or removes FILE
// when that process cannot be found).
void save_podman_shortcut(const Engine& engine, const std::filesystem::path& file,
                          const std::string& name, const FileIdentity& store);

} // namespace qd
