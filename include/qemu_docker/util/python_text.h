#pragma once

// The few pieces of Python's text model that qemu-docker must reproduce
// byte for byte: strict UTF-8 decoding, universal newlines, str.isspace()
// (also regex \s) and str.splitlines().  Text is UTF-8 in std::string.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace qd {

// Offset of the first byte Python's strict "utf-8" codec rejects, or npos.
std::size_t find_invalid_utf8(std::string_view bytes);

// "\r\n" and lone "\r" turned into "\n", as open() in text mode does.
std::string universal_newlines(std::string_view text);

// Byte length of the code point at `pos` if str.isspace() holds for it, else 0.
std::size_t python_space_at(std::string_view text, std::size_t pos);

// Byte length of the str.splitlines() line break at `pos` ("\r\n" is one), else 0.
std::size_t python_line_break_at(std::string_view text, std::size_t pos);

// What int(text) accepts (argparse's type=int), as plain decimal: spaces
// around, a sign, "_" between digits, leading zeros ("010" is ten), at most
// 4300 digits (Python 3.11's default limit).  Only ASCII digits; none for
// anything else (e.g. "0x10", "1__0", "").
std::optional<std::string> python_int_decimal(std::string_view text);

} // namespace qd
