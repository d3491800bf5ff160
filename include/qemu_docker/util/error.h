#pragma once

#include <stdexcept>
#include <string>

namespace qd {

// A failure to report as "qemu-docker: error: <what>" and exit with `status`.
class Error : public std::runtime_error {
  public:
    explicit Error(const std::string& what, int status = 1)
        : std::runtime_error(what), status_(status) {}
    int status() const { return status_; }

  private:
    int status_;
};

// A command-line mistake: reported with the usage line, exit status 2.
class UsageError : public Error {
  public:
    explicit UsageError(const std::string& what) : Error(what, 2) {}
};

} // namespace qd
