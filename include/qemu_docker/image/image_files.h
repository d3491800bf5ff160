#pragma once

// The host files --include-executable (build) and --executable (update) put
// into an image, where each goes there, and the SHA-1 over them that D9's
// label records.

#include <string>
#include <vector>

namespace qd {

// A file to put into the image.
struct ImageFile {
    std::string source;     // on the host (symlinks resolved for libraries)
    std::string image_path; // absolute, in the image
};

// Where build puts the executable: in the interpreter's directory, under
// the executable's own name (docker.py's _copy_binary_with_libs).
ImageFile executable_file(const std::string& executable, const std::string& interpreter);

// Each library at its own path, its source resolved as os.path.realpath does.
std::vector<ImageFile> library_files(const std::vector<std::string>& libraries);

// "<dir>/<name>" as docker.py joins a directory and a name ("" dir: "/name").
std::string join_image_path(const std::string& dir, const std::string& name);

// One SHA-1 over the paths and contents of the files that exist (D9).
std::string image_files_checksum(const std::vector<ImageFile>& files);

} // namespace qd
