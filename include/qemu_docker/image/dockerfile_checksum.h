#pragma once

// The value of the com.qemu.dockerfile-checksum label: the SHA-1 of a
// dockerfile with blank and comment lines dropped and its "FROM qemu/NAME"
// parents inlined, byte for byte as docker.py computes it.

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace qd {

// Gives the text of the parent dockerfile `<stem>.docker` (already passed
// through decode_dockerfile_text), or throws Error.
using ParentLoader = std::function<std::string(const std::string& stem)>;

// Validates UTF-8 (throwing Error that names `origin`) and applies universal newlines.
std::string decode_dockerfile_text(std::string_view bytes, const std::string& origin);

// The file's text as `build` writes it out: validated UTF-8, newlines as "\n".
std::string read_dockerfile_text(const std::filesystem::path& path);

// The file stem for image qemu/<name>: "debian-bootstrap" for debian*user, else `name`.
std::string parent_dockerfile_stem(const std::string& name);

// Kept lines each ending in "\n", parents inlined recursively.  Throws Error
// naming the FROM line when a parent cannot be loaded.
std::string preprocess_dockerfile(std::string_view text, const ParentLoader& load_parent);

// sha1_hex(preprocess_dockerfile(text, load_parent)).
std::string dockerfile_checksum(std::string_view text, const ParentLoader& load_parent);

// Loads `<dir>/<stem>.docker` with read_dockerfile_text.
ParentLoader parent_loader_for_directory(std::filesystem::path dir);

// The checksum of a dockerfile on disk, its parents looked up beside it.
std::string dockerfile_checksum_of_file(const std::filesystem::path& path);

} // namespace qd
