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

namespace {

[[noreturn]] void unreadable(const std::string& image, std::string_view why) {
    throw Error(fmt::format("cannot read the engine's description of {}: {}", image, why));
}

// Config.Labels: an object of strings; a missing or null Config or Labels is
// an image without labels.
std::map<std::string, std::string> labels_of(const nlohmann::json& first,
                                             const std::string& image) {
    std::map<std::string, std::string> labels;
    auto config = first.find("Config");
    if (config == first.end() || config->is_null())
        return labels;
    if (!config->is_object())
        unreadable(image, "its \"Config\" is not an object");
    auto found = config->find("Labels");
    if (found == config->end() || found->is_null())
        return labels;
    if (!found->is_object())
        unreadable(image, "its \"Labels\" is not an object");
    for (const auto& [name, value] : found->items()) {
        if (!value.is_string())
            unreadable(image, fmt::format("its label \"{}\" is not a string", name));
        labels[name] = value.get<std::string>();
    }
    return labels;
}

} // namespace

ImageInfo parse_inspect_output(std::string_view json, const std::string& image) {
    auto doc = nlohmann::json::parse(json, nullptr, false);
    if (doc.is_discarded())
        unreadable(image, "it is not JSON");
    if (!doc.is_array() || doc.empty() || !doc[0].is_object())
        unreadable(image, "it is not a list of images");
    const auto& first = doc[0];
    auto created = first.find("Created");
    if (created == first.end() || !created->is_string())
        unreadable(image, "it has no \"Created\" time");
    ImageInfo info;
    info.created = created->get<std::string>();
    info.labels = labels_of(first, image);
    return info;
}

std::optional<ImageInfo> inspect_image(const Engine& engine, const std::string& image) {
    SpawnRequest request;
    request.argv = inspect_argv(image);
    request.out = Output::Capture;
    request.err_null = true; // "no such image" is an answer here, not an error
    auto result = engine.ask(std::move(request));
    if (!result.ok())
        return std::nullopt;
    return parse_inspect_output(result.output, image);
}

} // namespace qd
