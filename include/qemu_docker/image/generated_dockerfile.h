#pragma once

// The dockerfile `build` hands to the engine: the original text, the
// current user's useradd line, and the labels that later tell whether the
// image is up to date.  Pure text functions.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace qd {

inline constexpr const char* kDockerfileChecksumLabel = "com.qemu.dockerfile-checksum";
inline constexpr const char* kExecutableChecksumLabel = "com.qemu.include-executable-checksum";

struct ImageLabels {
    std::string dockerfile_checksum;
    std::vector<std::pair<std::string, std::string>> extra_files; // name as given, SHA-1
    std::optional<std::string> executable_checksum;               // D9
};

std::string generated_dockerfile(const std::string& text, const std::optional<std::string>& useradd,
                                 const ImageLabels& labels);

// The NAME of every "FROM qemu/NAME" anywhere in the text (to the end of
// its line), as docker.py finds the parents to pull from a registry.
std::vector<std::string> qemu_parent_references(const std::string& text);

// Every "FROM qemu/" becomes "FROM REGISTRY/qemu/".
std::string with_registry(std::string text, const std::string& registry);

// Throws Error when an --extra-files name would break its LABEL line (D8).
void check_label_file_name(const std::string& name);

} // namespace qd
