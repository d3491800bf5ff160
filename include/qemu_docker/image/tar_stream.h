#pragma once

// A tar build context written to a descriptor (libarchive): `update` writes
// it into an anonymous memory file, so that it needs no temporary file.

#include <optional>
#include <string>
#include <vector>

namespace qd {

struct TarMember {
    std::string name;                  // path in the archive, relative
    std::optional<std::string> source; // a host file (followed if a symlink)...
    std::string content;               // ...or this text, as a 0644 file
};

// Writes the members as a pax archive to fd.  Throws Error on failure.
void write_tar(int fd, const std::vector<TarMember>& members);

} // namespace qd
