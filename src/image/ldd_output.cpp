#include "qemu_docker/image/ldd_output.h"

#include "qemu_docker/util/python_text.h"

#include <optional>

namespace qd {

namespace {

// End of the run of non-space code points starting at `pos`.
std::size_t end_of_word(std::string_view line, std::size_t pos) {
    while (pos < line.size() && python_space_at(line, pos) == 0)
        ++pos;
    return pos;
}

// Whether ` \(:?0x[0-9a-f]+\)` matches at `pos`.
bool address_at(std::string_view line, std::size_t pos) {
    std::string_view rest = line.substr(pos);
    if (!rest.starts_with(" ("))
        return false;
    rest.remove_prefix(2);
    if (rest.starts_with(':'))
        rest.remove_prefix(1);
    if (!rest.starts_with("0x"))
        return false;
    rest.remove_prefix(2);
    std::size_t digits = 0;
    while (digits < rest.size() && ((rest[digits] >= '0' && rest[digits] <= '9') ||
                                    (rest[digits] >= 'a' && rest[digits] <= 'f')))
        ++digits;
    return digits > 0 && rest.substr(digits).starts_with(')');
}

// `(\S*) \(:?0x[0-9a-f]+\)` at `pos`: \S* can only stop where a space starts.
std::optional<std::string_view> library_at(std::string_view line, std::size_t pos) {
    const std::size_t end = end_of_word(line, pos);
    if (!address_at(line, end))
        return std::nullopt;
    return line.substr(pos, end - pos);
}

// The regex tried at `pos`: first with the optional `\S+ => ` prefix, then without.
std::optional<std::string_view> match_at(std::string_view line, std::size_t pos) {
    const std::size_t end = end_of_word(line, pos);
    if (end > pos && line.substr(end).starts_with(" => ")) {
        if (auto lib = library_at(line, end + 4))
            return lib;
    }
    return library_at(line, pos);
}

std::size_t next_code_point(std::string_view line, std::size_t pos) {
    ++pos;
    while (pos < line.size() && (static_cast<unsigned char>(line[pos]) & 0xC0) == 0x80)
        ++pos;
    return pos;
}

} // namespace

std::vector<std::string> parse_ldd_output(std::string_view output) {
    std::vector<std::string> libs;
    std::size_t start = 0;
    for (;;) {
        const std::size_t nl = output.find('\n', start);
        const std::string_view line = output.substr(start, nl - start);
        // re.search: the leftmost code point where the pattern matches.
        for (std::size_t pos = 0; pos <= line.size(); pos = next_code_point(line, pos)) {
            if (auto lib = match_at(line, pos)) {
                libs.emplace_back(*lib);
                break;
            }
        }
        if (nl == std::string_view::npos)
            return libs;
        start = nl + 1;
    }
}

} // namespace qd
