#pragma once

// What --include-executable (build) and --executable (update) put into an
// image: the executable at its binfmt_misc interpreter's place, unless the
// entry is persistent (F), and the shared libraries ldd names.

#include "qemu_docker/engine/process.h"
#include "qemu_docker/image/binfmt.h"

#include <optional>
#include <string>
#include <vector>

namespace qd {

inline constexpr const char* kExecutableChecksumLabel = "com.qemu.include-executable-checksum";

struct BinfmtDecision {
    bool enabled = false;
    std::optional<std::string> interpreter; // where the executable goes; none for F
    std::vector<std::string> messages;      // what docker.py prints about it
};

// docker.py's judgement of the entry named after the executable.
BinfmtDecision decide_binfmt(const std::string& executable,
                             const std::optional<BinfmtEntry>& entry);

// Reads the executable's entry in /proc/sys/fs/binfmt_misc and decides.
BinfmtDecision check_binfmt(const std::string& executable);

// A file to put into the image.
struct ImageFile {
    std::string source;     // on the host (symlinks resolved for libraries)
    std::string image_path; // absolute, in the image
};

struct LddResult {
    std::optional<std::vector<std::string>> libraries; // none: ldd failed (static)
    std::string errors; // ldd's stderr, for the caller to show when it matters
};

// The libraries of `ldd EXECUTABLE`.
LddResult ldd_libraries(const std::string& executable, ProcessRunner& runner);

// Shows what ldd said on stderr, and says so on stdout when it named no
// libraries, as docker.py does once it copies them.
void report_ldd(const LddResult& ldd, const std::string& executable);

// Each library at its own path, its source resolved as os.path.realpath does.
std::vector<ImageFile> library_files(const std::vector<std::string>& libraries);

// "<dir>/<name>" as docker.py joins a directory and a name ("" dir: "/name").
std::string join_image_path(const std::string& dir, const std::string& name);

// One SHA-1 over the paths and contents of the files that exist (D9).
std::string image_files_checksum(const std::vector<ImageFile>& files);

} // namespace qd
