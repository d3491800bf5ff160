#pragma once

// SHA-1 digests as lower-case hex, the form of the image labels that
// record a dockerfile's or an extra file's checksum.

#include <filesystem>
#include <string>
#include <string_view>

namespace qd {

// The SHA-1 of `bytes`, as 40 lower-case hex digits.
std::string sha1_hex(std::string_view bytes);

// The SHA-1 of the file's contents, read in chunks.  Throws Error naming the file.
std::string file_sha1_hex(const std::filesystem::path& path);

} // namespace qd
