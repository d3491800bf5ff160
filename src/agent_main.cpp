// qemu-docker-cc-agent: the first process of a warm compile container
// (include/qemu_docker/agent/agent_server.h).  Started by qemu-docker, not
// by people.
#include "qemu_docker/agent/agent_server.h"

#include <cstdio>

int main(int argc, char** argv) {
    auto options = qd::parse_agent_args(std::vector<std::string>(argv + 1, argv + argc));
    if (!options) {
        std::fprintf(stderr,
                     "usage: qemu-docker-cc-agent --socket PATH --idle SECONDS [--image ID]\n");
        return 2;
    }
    return qd::run_agent(*options);
}
