#pragma once

// Reading files in chunks, so that a large file never sits in memory.
// Errors name the file: "cannot read PATH: REASON".

#include "qemu_docker/util/unique_fd.h"

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace qd {

using ChunkSink = std::function<void(std::string_view)>;

// Opens the file read-only.  Throws Error naming it.
UniqueFd open_for_reading(const std::filesystem::path& path);

// Reads fd to its end, handing each chunk to `sink`; `name` is the file's
// name for errors.
void for_each_chunk(int fd, const std::string& name, const ChunkSink& sink);

// Opens the file and reads it in chunks.
void for_each_file_chunk(const std::filesystem::path& path, const ChunkSink& sink);

// The whole file, for the small ones (dockerfiles, binfmt_misc entries).
std::string read_whole_file(const std::filesystem::path& path);

} // namespace qd
