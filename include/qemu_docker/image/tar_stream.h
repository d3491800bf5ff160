#pragma once

// A tar build context written to a descriptor (libarchive): `update` writes
// it into an anonymous memory file, so that it needs no temporary file.

#include "qemu_docker/util/error.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qd {

struct TarMember {
    std::string name;                  // path in the archive, relative
    std::optional<std::string> source; // a host file (followed if a symlink)...
    std::string content;               // ...or this text, as a 0644 file
};

// The member name of a file at IMAGE_PATH in the image: the path without its
// leading slashes.  Throws Error for a path of slashes only (docker.py's
// tarfile would store the file under an empty name).
std::string archive_name(std::string_view image_path);

// Writes the members as a pax archive to fd.  Throws Error on failure.
void write_tar(int fd, const std::vector<TarMember>& members);

} // namespace qd
