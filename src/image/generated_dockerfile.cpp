#include "qemu_docker/image/generated_dockerfile.h"

#include "qemu_docker/util/error.h"

#include <fmt/format.h>

namespace qd {

namespace {
constexpr std::string_view kFromQemu = "FROM qemu/";
}

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
    for (unsigned char c : name) {
        bool bad = c < 0x20 || c == 0x7f || c == ' ' || c == '"' || c == '\'' || c == '=' ||
                   c == '$' || c == '\\';
        if (bad)
            throw Error(fmt::format("--extra-files name '{}' cannot be written into a LABEL line "
                                    "(whitespace, quotes, '=', '$', '\\' and control characters "
                                    "are refused)",
                                    name));
    }
}

} // namespace qd
