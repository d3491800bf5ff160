#include "qemu_docker/engine/image_info.h"

#include "qemu_docker/engine/engine_argv.h"
#include "qemu_docker/util/error.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace qd {

std::string ImageInfo::label(const std::string& name) const {
    auto it = labels.find(name);
    return it == labels.end() ? "" : it->second;
}

bool labels_match(const ImageInfo& info, const ImageLabels& wanted) {
    if (info.label(kDockerfileChecksumLabel) != wanted.dockerfile_checksum)
        return false;
    return !wanted.executable_checksum ||
           info.label(kExecutableChecksumLabel) == *wanted.executable_checksum;
}

ImageInfo parse_inspect_output(std::string_view json, const std::string& image) {
    try {
        auto doc = nlohmann::json::parse(json);
        const auto& first = doc.at(0);
        ImageInfo info;
        if (auto created = first.find("Created"); created != first.end() && created->is_string())
            info.created = created->get<std::string>();
        if (auto config = first.find("Config"); config != first.end() && config->is_object())
            if (auto labels = config->find("Labels");
                labels != config->end() && labels->is_object())
                for (const auto& [name, value] : labels->items())
                    if (value.is_string())
                        info.labels[name] = value.get<std::string>();
        return info;
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("cannot read the engine's description of {}: {}", image, e.what()));
    }
}

std::optional<ImageInfo> inspect_image(const Engine& engine, const std::string& image) {
    SpawnRequest request;
    request.argv = inspect_argv(image);
    request.out = Output::Capture;
    request.err_null = true; // "no such image" is an answer here, not an error
    auto result = engine.run(std::move(request));
    if (!result.ok())
        return std::nullopt;
    return parse_inspect_output(result.output, image);
}

} // namespace qd
