#pragma once

// What qemu-docker reads of an image: its labels and creation time, from
// the engine's `inspect` output.

#include "qemu_docker/engine/engine.h"
#include "qemu_docker/image/generated_dockerfile.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace qd {

struct ImageInfo {
    std::map<std::string, std::string> labels;
    std::string created;

    // The label's value, or "" when it is missing.
    std::string label(const std::string& name) const;
};

// Parses `inspect` output (a JSON array; the first element counts).
// Throws Error when it is not what an engine prints.
ImageInfo parse_inspect_output(std::string_view json, const std::string& image);

// Whether the image carries WANTED's dockerfile checksum and, when WANTED
// has one, its executable checksum (D9); the extra files' are not compared,
// as docker.py does not.
bool labels_match(const ImageInfo& info, const ImageLabels& wanted);

// ENGINE inspect IMAGE, or nullopt when the engine says it has no such image.
std::optional<ImageInfo> inspect_image(const Engine& engine, const std::string& image);

} // namespace qd
