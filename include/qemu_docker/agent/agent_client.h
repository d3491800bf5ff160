#pragma once

// cc's side of the compile agent (agent_server.h): one compile through its
// socket, the compiler writing straight to our stdout and stderr.

#include "qemu_docker/agent/protocol.h"

#include <chrono>
#include <filesystem>
#include <string>

namespace qd {

struct AgentCompile {
    enum Outcome {
        NoAgent,    // nothing listens there: the container is not (yet) up
        Stale,      // the agent runs another image than the request names:
                    // nothing ran
        NotStarted, // the agent took it but did not start it (no answer in
                    // time, or it went): the compile may run elsewhere
        Missing,    // no such compiler or directory (WHY): a plain run says so
        Finished    // STATUS stands: the exit status, or 128+N after signal N
    } outcome;
    int status = 0;
    std::string why;
};

// Runs REQUEST through the agent at SOCKET with OUT and ERR as its stdout
// and stderr.  SIGINT, SIGTERM and SIGHUP arriving while it runs are passed
// on to the compile (its process group), which then ends with 128+N; the
// agent gets START_LIMIT to say the compile started.
AgentCompile compile_through_agent(const std::filesystem::path& socket,
                                   const CompileRequest& request, int out, int err,
                                   std::chrono::milliseconds start_limit);

} // namespace qd
