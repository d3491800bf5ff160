#pragma once

// The temporary build context `build` hands the engine: files copied into
// it where docker.py's _copy_with_mkdir puts them, and the generated
// dockerfile.

#include "qemu_docker/util/file_reading.h"

#include <filesystem>
#include <string>

namespace qd {

// Where a copy of a file named NAME goes: os.path.normpath(ROOT + "/" + DIR)
// + "/" + NAME, as docker.py names it (also in its "Couldn't copy" line),
// except that a ".." in DIR stops at ROOT (D11).
std::string context_destination(const std::filesystem::path& root, const std::string& dir,
                                const std::string& name);

// Copies SOURCE (followed if a symlink) to context_destination(), with its
// permission bits, making the directories on the way.  Symlinks already in
// the context (a .pre script's) are followed as the image built from it will
// see them: the context is its root, so nothing lands outside it (D11; see
// place_in_tree).  False, with nothing copied, when SOURCE does not exist
// or a symlink on the way points to a directory that does not (docker.py's
// FileNotFoundError).  Each chunk copied also goes to ALSO, if given (a
// checksum computed in the same read).  Throws Error.
bool copy_into_context(const std::string& source, const std::filesystem::path& root,
                       const std::string& dir, const std::string& name,
                       const ChunkSink& also = nullptr);

// Writes TEXT to a new ROOT/tmpXXXXXXXX.docker, as docker.py's
// NamedTemporaryFile does, and returns its path.  Throws Error.
std::filesystem::path write_context_dockerfile(const std::filesystem::path& root,
                                               const std::string& text);

} // namespace qd
