#pragma once

#include <string>

namespace qd {

// A random (version 4) UUID as 32 lower-case hex digits, like uuid4().hex.
std::string random_uuid_hex();

} // namespace qd
