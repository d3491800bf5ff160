// The dockerfile checksum with parents from memory.  The input is NUL
// separated: the dockerfile, then pairs of a parent's file stem and text.
// Only qd::Error is thrown; the checksum is 40 hex digits, the SHA-1 of the
// preprocessed text, which holds only kept lines and reads back unchanged.

#include "fuzz_support.h"
#include "qemu_docker/image/dockerfile_checksum.h"
#include "qemu_docker/util/error.h"
#include "qemu_docker/util/python_text.h"
#include "qemu_docker/util/sha1.h"

#include <map>

namespace {

bool is_hex_sha1(const std::string& s) {
    return s.size() == 40 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

bool is_blank(std::string_view line) {
    for (std::size_t pos = 0; pos < line.size();) {
        const std::size_t space = qd::python_space_at(line, pos);
        if (space == 0)
            return false;
        pos += space;
    }
    return true;
}

void require_kept_lines_only(std::string_view text) {
    using qd::fuzz::require;
    require(text.empty() || text.ends_with('\n'), "every line ends in \\n");
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t nl = text.find('\n', start);
        const std::string_view line = text.substr(start, nl - start);
        require(!is_blank(line) && !line.starts_with('#') && !line.starts_with("FROM qemu/"),
                "no blank, comment or qemu/ parent line is left");
        start = nl + 1;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using qd::fuzz::require;
    const auto pieces = qd::fuzz::split_on_nul(qd::fuzz::as_text(data, size));
    if (pieces.empty())
        return 0;
    std::map<std::string, std::string> parents;
    for (std::size_t i = 1; i + 1 < pieces.size(); i += 2)
        parents.emplace(pieces[i], pieces[i + 1]);
    const qd::ParentLoader load = [&](const std::string& stem) {
        auto it = parents.find(stem);
        if (it == parents.end())
            throw qd::Error("no parent " + stem);
        return qd::decode_dockerfile_text(it->second, stem + ".docker");
    };
    const qd::ParentLoader no_parents = [](const std::string& stem) -> std::string {
        qd::fuzz::require(false, "a preprocessed dockerfile names no parent");
        return stem;
    };

    std::string text, preprocessed, checksum;
    try {
        text = qd::decode_dockerfile_text(pieces[0], "fuzz.docker");
        preprocessed = qd::preprocess_dockerfile(text, load);
        checksum = qd::dockerfile_checksum(text, load);
    } catch (const qd::Error&) {
        return 0;
    }
    require(is_hex_sha1(checksum), "the checksum is 40 lower-case hex digits");
    require(checksum == qd::sha1_hex(preprocessed), "the checksum is the preprocessed text's");
    require(qd::find_invalid_utf8(preprocessed) == std::string::npos,
            "the preprocessed text is UTF-8");
    require_kept_lines_only(preprocessed);
    require(qd::preprocess_dockerfile(preprocessed, no_parents) == preprocessed,
            "preprocessing is idempotent");
    return 0;
}
