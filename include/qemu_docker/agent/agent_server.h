#pragma once

// The compile agent: the first process of a warm container (docs/security.md).
// It listens on a unix socket in the bind-mounted per-key directory, takes
// compiles only from its own uid (SO_PEERCRED), runs each in a process group
// of its own with the client's stdout and stderr (stdin: /dev/null), passes
// on the client's signals, reports how it ended, reaps every child (it is
// PID 1), and ends after SECONDS without a compile.  Started with the id of
// its container's image, it runs only requests that name that id or none.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qd {

struct AgentOptions {
    std::string socket_path;
    int idle_seconds = 60;
    std::string image; // its container's image id, if given
};

// "--socket PATH --idle SECONDS [--image ID]"; nullopt for anything else.
std::optional<AgentOptions> parse_agent_args(const std::vector<std::string>& args);

// The file execvp would run for NAME with PATH_VALUE, or nullopt (WHY says why).
std::optional<std::string> resolve_program(const std::string& name, std::string_view path_value,
                                           std::string& why);

// Serves until idle (exit status 0) or ended by SIGTERM, SIGINT or SIGHUP
// (128+N); 1 when it cannot listen.  Says its own failures on stderr.
int run_agent(const AgentOptions& options);

} // namespace qd
