#pragma once

#include <filesystem>
#include <string>

namespace qd {

// A fresh directory under $TMPDIR (or /tmp), removed with all it holds when
// this object goes, on every path out (D4).
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
