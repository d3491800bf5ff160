// parse_ldd_output on arbitrary text: it never throws, and every library it
// returns is a word followed by " (0x" or " (:0x", one per line at most, in
// the order of the lines.

#include "fuzz_support.h"
#include "qemu_docker/image/ldd_output.h"

#include <algorithm>

namespace {

// Where `library` stands before an address at or after `from`, or npos.
std::size_t find_with_address(std::string_view text, const std::string& library, std::size_t from) {
    const std::size_t plain = text.find(library + " (0x", from);
    const std::size_t colon = text.find(library + " (:0x", from);
    return std::min(plain, colon);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using qd::fuzz::require;
    const std::string_view text = qd::fuzz::as_text(data, size);
    const auto libraries = qd::parse_ldd_output(text);

    std::size_t lines = 1;
    for (char c : text)
        lines += c == '\n';
    require(libraries.size() <= lines, "at most one library per line");

    std::size_t from = 0;
    for (const auto& library : libraries) {
        require(!qd::fuzz::has_python_space(library), "a library has no spaces");
        const std::size_t at = find_with_address(text, library, from);
        require(at != std::string_view::npos, "a library stands before an address, in line order");
        from = text.find('\n', at);
        if (from == std::string_view::npos)
            from = text.size();
    }
    return 0;
}
