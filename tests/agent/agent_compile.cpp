// agent_compile SOCKET CWD PROGRAM ARGS...: one compile through the compile
// agent at SOCKET, as cc's client makes it, for the e2e scenarios and bench/
// (the agent in a real container).  Exits with the compile's status; when
// it did not run: 200 no agent, 201 an older image's agent (never, as no
// image is named), 202 not started, 203 missing (and why).
#include "qemu_docker/agent/agent_client.h"

#include <cstdio>

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: agent_compile SOCKET CWD PROGRAM [ARGS...]\n");
        return 2;
    }
    qd::CompileRequest request{argv[2], std::vector<std::string>(argv + 3, argv + argc), ""};
    auto result = qd::compile_through_agent(argv[1], request, 1, 2, std::chrono::seconds(5));
    if (result.outcome == qd::AgentCompile::Finished)
        return result.status;
    std::fprintf(stderr, "agent_compile: %s\n",
                 result.outcome == qd::AgentCompile::NoAgent      ? "no agent"
                 : result.outcome == qd::AgentCompile::NotStarted ? "not started"
                                                                  : result.why.c_str());
    return 200 + static_cast<int>(result.outcome);
}
