#pragma once

// What doctor reads in an engine's answers, and the fixes it suggests for
// the engine's own error messages.  Pure.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qd {

// info --format '{{json .}}', which podman and docker both answer.
std::vector<std::string> info_json_argv();

// What `info` says, from podman's JSON (host, store) or docker's.
struct EngineFacts {
    bool rootless = false;
    std::string host_name;
    std::string storage_driver;
    std::string graph_root; // where it keeps images, on its own machine
};
// nullopt when OUTPUT is neither engine's JSON.
std::optional<EngineFacts> parse_info_json(std::string_view output);

// The client's version in `version`'s output ("Version: 4.3.1"), or "".
std::string version_in(std::string_view output);

// What to do about an engine command failing with MESSAGE (its first line
// on stderr, or how it ended); "" when doctor knows no better than the
// message.  USER is the login name, for the commands it suggests.
std::string fix_for(std::string_view program, std::string_view message, const std::string& user);

} // namespace qd
