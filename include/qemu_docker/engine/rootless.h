#pragma once

// What the engine says about where it runs: rootless or not (not guessed
// from our uid: a podman service or connection may be rootful while we are
// not root, and docker may be rootless while we are), and the name of the
// machine it runs on (bind mounts name paths there).  Pure.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qd {

struct EngineHost {
    bool rootless = false;
    std::string name; // its host name; empty when it did not say
};

// The question, after the engine's command: podman's info with
// {{.Host.Security.Rootless}} and {{.Host.Hostname}}, docker's with its
// security options (name=rootless) and {{.Name}}.
std::vector<std::string> rootless_query_argv(bool podman);

// The answer in its output; nullopt when it is not one.
std::optional<EngineHost> parse_rootless_answer(bool podman, std::string_view output);

// Whether an engine on the machine ENGINE_HOST runs elsewhere than OURS
// (false when either is not known).
bool runs_elsewhere(std::string_view engine_host, std::string_view ours);

} // namespace qd
