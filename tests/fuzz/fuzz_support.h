#pragma once

// What every fuzz target shares: turning the fuzzer's bytes into the
// arguments of a parser, and stopping with a message when an invariant fails
// (libFuzzer then keeps the input as a crash).

#include "qemu_docker/util/python_text.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace qd::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// The pieces between NUL bytes: "a\0b" is {"a", "b"}, "" is {}.
inline std::vector<std::string> split_on_nul(std::string_view text) {
    std::vector<std::string> pieces;
    if (text.empty())
        return pieces;
    std::size_t start = 0;
    for (;;) {
        const std::size_t nul = text.find('\0', start);
        pieces.emplace_back(text.substr(start, nul - start));
        if (nul == std::string_view::npos)
            return pieces;
        start = nul + 1;
    }
}

// Whether str.isspace() holds for some code point of `text`.
inline bool has_python_space(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size(); ++pos)
        if (python_space_at(text, pos))
            return true;
    return false;
}

inline void require(bool holds, const char* invariant) {
    if (holds)
        return;
    std::fprintf(stderr, "invariant broken: %s\n", invariant);
    std::abort();
}

} // namespace qd::fuzz
