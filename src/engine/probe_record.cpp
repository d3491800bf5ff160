#include "qemu_docker/engine/probe_record.h"

#include <nlohmann/json.hpp>

namespace qd {

using nlohmann::json;

namespace {

constexpr int kFormat = 2;

json optional_json(const auto& value) {
    return value ? json(*value) : json(nullptr);
}

std::string_view choice_name(EngineChoice choice) {
    switch (choice) {
    case EngineChoice::Docker:
        return "docker";
    case EngineChoice::Podman:
        return "podman";
    case EngineChoice::Auto:
        break;
    }
    return "auto";
}

std::optional<EngineKind> kind_named(std::string_view name) {
    for (auto kind : {EngineKind::Podman, EngineKind::Docker, EngineKind::SudoDocker})
        if (probe_name(kind) == name)
            return kind;
    return std::nullopt;
}

} // namespace

std::string probe_key(const ProbeInputs& inputs) {
    json files = json::array();
    for (const auto& [name, id] : inputs.files)
        files.push_back({name, id ? json{id->path, id->device, id->inode, id->size, id->mtime_ns}
                                  : json(nullptr)});
    json variables = json::array();
    for (const auto& [name, value] : inputs.variables)
        variables.push_back({name, optional_json(value)});
    json key = {choice_name(inputs.choice), inputs.uid, inputs.euid, variables, files};
    return key.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string probe_record(const std::string& key, const EngineCommand& engine,
                         std::int64_t written_at) {
    json record = {{"format", kFormat},
                   {"key", key},
                   {"written_at", written_at},
                   {"engine", probe_name(engine.kind)},
                   {"version_output", engine.version_output},
                   {"buildx", optional_json(engine.buildx)},
                   {"rootless", optional_json(engine.rootless)},
                   {"host_name", engine.host_name}};
    return record.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::optional<EngineCommand> read_probe_record(std::string_view text, const std::string& key,
                                               std::int64_t now) {
    json record = json::parse(text, nullptr, false);
    if (!record.is_object())
        return std::nullopt;
    auto field = [&](const char* name) {
        auto it = record.find(name);
        return it == record.end() ? json() : *it;
    };
    json format = field("format"), written_key = field("key"), written_at = field("written_at"),
         engine = field("engine"), version_output = field("version_output"),
         buildx = field("buildx"), rootless = field("rootless"), host_name = field("host_name");
    if (format != kFormat || written_key != key || !written_at.is_number_integer() ||
        !engine.is_string() || !version_output.is_string() ||
        !(buildx.is_null() || buildx.is_boolean()) ||
        !(rootless.is_null() || rootless.is_boolean()) ||
        !(host_name.is_null() || host_name.is_string()))
        return std::nullopt;
    std::int64_t age = 0;
    auto kind = kind_named(engine.get<std::string>());
    if (__builtin_sub_overflow(now, written_at.get<std::int64_t>(), &age) || age < 0 ||
        age > kProbeLifetimeSeconds || !kind)
        return std::nullopt;
    for (auto candidate : engine_candidates(EngineChoice::Auto)) {
        if (candidate.kind != *kind)
            continue;
        candidate.version_output = version_output.get<std::string>();
        if (buildx.is_boolean())
            candidate.buildx = buildx.get<bool>();
        if (rootless.is_boolean())
            candidate.rootless = rootless.get<bool>();
        if (host_name.is_string())
            candidate.host_name = host_name.get<std::string>();
        return candidate;
    }
    return std::nullopt;
}

} // namespace qd
