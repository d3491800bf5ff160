#pragma once

// The probe's answer kept between invocations (probe_cache.h): what it
// depends on, as one key, and the record written for it.  Pure: no file or
// process here.

#include "qemu_docker/engine/engine.h"
#include "qemu_docker/util/file_identity.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qd {

// Everything that can change which engine the probe picks and what it
// learns.  Absent files and unset variables count too.
struct ProbeInputs {
    EngineChoice choice = EngineChoice::Auto;
    unsigned uid = 0;
    unsigned euid = 0;
    std::vector<std::pair<std::string, std::optional<std::string>>> variables;
    std::vector<std::pair<std::string, std::optional<FileIdentity>>> files;
};

// How long a record is believed: changes the key cannot see (an engine
// that starts working while another was chosen) show within this.
constexpr std::int64_t kProbeLifetimeSeconds = 60;

// The inputs as one string; equal inputs, equal keys.
std::string probe_key(const ProbeInputs& inputs);

// The record for ENGINE, probed under KEY at WRITTEN_AT (seconds).
std::string probe_record(const std::string& key, const EngineCommand& engine,
                         std::int64_t written_at);

// The engine in TEXT if it is a record for KEY written at most the lifetime
// before NOW (and not after it); otherwise nullopt, whatever TEXT holds.
std::optional<EngineCommand> read_probe_record(std::string_view text, const std::string& key,
                                               std::int64_t now);

} // namespace qd
