#pragma once

// The probe's answer kept between invocations, so that `check`, `build` and
// each `cc` of a make run do not start with `ENGINE version`.  Per user, in
// $XDG_RUNTIME_DIR/qemu-docker (when private) or ~/.cache/qemu-docker; one
// file per key (probe_record.h), believed for kProbeLifetimeSeconds.  A
// record that is missing, stale, corrupt or not ours is ignored in silence;
// QEMU_DOCKER_PROBE_CACHE=0 turns the cache off.

#include "qemu_docker/engine/engine.h"
#include "qemu_docker/engine/probe_record.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace qd {

// The inputs for CHOICE as this process sees them (environment, PATH
// lookups, file identities).
ProbeInputs current_probe_inputs(EngineChoice choice);

class ProbeCache {
  public:
    // nullptr when the cache is off or there is no private place for it.
    static std::shared_ptr<const ProbeCache> open(EngineChoice choice);

    std::optional<EngineCommand> load() const;
    void store(const EngineCommand& engine) const;
    void drop() const;
    const std::filesystem::path& file() const { return file_; }
    // probe_key() of the inputs it was opened under.
    const std::string& key() const { return key_; }

  private:
    ProbeCache(std::filesystem::path file, std::string key);

    std::filesystem::path file_;
    std::string key_;
};

} // namespace qd
