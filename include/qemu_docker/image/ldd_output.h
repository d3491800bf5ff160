#pragma once

// Reading the libraries an executable needs out of `ldd` output (running
// ldd is engine/ldd.h's job).

#include <string>
#include <string_view>
#include <vector>

namespace qd {

// Per "\n"-separated line, group 1 of docker.py's first match of
// `(?:\S+ => )?(\S*) \(:?0x[0-9a-f]+\)` (Python Unicode \S), in order.
// "not found" and "statically linked" lines give nothing.
std::vector<std::string> parse_ldd_output(std::string_view output);

} // namespace qd
