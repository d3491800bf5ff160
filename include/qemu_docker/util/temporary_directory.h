#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace qd {

// Where Python's tempfile looks for its directory, in its order: $TMPDIR,
// $TEMP and $TMP (those set and not empty), /tmp, /var/tmp, /usr/tmp, then
// CWD; each made absolute against CWD and normalised (os.path.abspath).
std::vector<std::string>
temporary_directory_candidates(const std::function<const char*(const char*)>& getenv,
                               const std::string& cwd);

// The first of DIRS where a file can be made and written, as tempfile tries
// them.  Throws Error when there is none.
std::string first_writable_directory(const std::vector<std::string>& dirs);

// A fresh directory in the first candidate where a file can be written (as
// tempfile checks), removed with all it holds when this object goes, on
// every path out (D4); a failure to remove it is a warning on stderr.
class TemporaryDirectory {
  public:
    explicit TemporaryDirectory(const std::string& prefix);
    ~TemporaryDirectory();
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

} // namespace qd
