#pragma once

// Writing to a descriptor until all is written.  Errors name the file:
// "cannot write PATH: REASON".

#include <string>
#include <string_view>

namespace qd {

// Writes all of DATA to FD (retrying short writes and EINTR); NAME is the
// file's name for errors.  Throws Error.
void write_all(int fd, std::string_view data, const std::string& name);

} // namespace qd
