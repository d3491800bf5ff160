#pragma once

// Whether the engine runs rootless, as the engine itself says (not guessed
// from our uid: a podman service or connection may be rootful while we are
// not root, and docker may be rootless while we are).  Pure.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qd {

// The question, after the engine's command: podman's
// info --format {{.Host.Security.Rootless}}, docker's security options.
std::vector<std::string> rootless_query_argv(bool podman);

// The answer in its output; nullopt when it is not one.
std::optional<bool> parse_rootless_answer(bool podman, std::string_view output);

} // namespace qd
