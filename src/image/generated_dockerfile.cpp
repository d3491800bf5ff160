#include "qemu_docker/image/generated_dockerfile.h"

#include "qemu_docker/image/image_name.h"
#include "qemu_docker/util/error.h"
#include "qemu_docker/util/python_text.h"

#include <fmt/format.h>

namespace qd {

namespace {

constexpr std::string_view kFromQemu = "FROM qemu/";

// Whitespace as the engines' dockerfile parser splits words (Go's
// unicode.IsSpace): str.isspace()'s set, which adds only U+001C to U+001F,
// control characters refused anyway.
bool contains_whitespace(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size(); ++pos)
        if (python_space_at(text, pos) > 0)
            return true;
    return false;
}

} // namespace

std::string generated_dockerfile(const std::string& text, const std::optional<std::string>& useradd,
                                 const ImageLabels& labels) {
    std::string out = text;
    if (useradd)
        out += "\n" + *useradd;
    out += "\n";
    out += fmt::format("LABEL {}={}\n", kDockerfileChecksumLabel, labels.dockerfile_checksum);
    for (const auto& [name, sum] : labels.extra_files)
        out += fmt::format("LABEL com.qemu.{}-checksum={}\n", name, sum);
    if (labels.executable_checksum)
        out += fmt::format("LABEL {}={}\n", kExecutableChecksumLabel, *labels.executable_checksum);
    return out;
}

std::vector<std::string> qemu_parent_references(const std::string& text) {
    std::vector<std::string> names;
    for (size_t pos = text.find(kFromQemu); pos != std::string::npos;
         pos = text.find(kFromQemu, pos)) {
        size_t start = pos + kFromQemu.size();
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        names.push_back(text.substr(start, end - start));
        pos = end;
    }
    return names;
}

std::string with_registry(std::string text, const std::string& registry) {
    std::string replacement = fmt::format("FROM {}/qemu/", registry);
    for (size_t pos = text.find(kFromQemu); pos != std::string::npos;
         pos = text.find(kFromQemu, pos + replacement.size()))
        text.replace(pos, kFromQemu.size(), replacement);
    return text;
}

void check_label_file_name(const std::string& name) {
    if (contains_whitespace(name) || contains_control_character(name) ||
        name.find_first_of("\"'=$\\") != std::string::npos)
        throw Error(fmt::format("--extra-files name {:?} cannot be written into a LABEL line "
                                "(whitespace, quotes, '=', '$', '\\' and control characters are "
                                "refused)",
                                name));
}

} // namespace qd
