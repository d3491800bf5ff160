#include "qemu_docker/application.h"

#include "qemu_docker/command_line.h"
#include "qemu_docker/error.h"

#include <csignal>
#include <cstdio>
#include <exception>
#include <fmt/format.h>

namespace qd {

int run_application(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN); // a dead reader is an error to report, not a crash
    try {
        CommandLine command_line;
        if (!command_line.parse(std::vector<std::string>(argv + 1, argv + argc)))
            return 0;
        PosixSpawnRunner runner;
        int status = command_line.subcommand().execute(command_line.invocation(runner));
        std::fflush(stdout);
        return status;
    } catch (const UsageError& e) {
        std::fflush(stdout);
        fmt::print(stderr,
                   "usage: qemu-docker [--engine {{auto,docker,podman}}] <subcommand> ...\n"
                   "qemu-docker: error: {}\n",
                   e.what());
        return e.status();
    } catch (const Error& e) {
        std::fflush(stdout);
        fmt::print(stderr, "qemu-docker: error: {}\n", e.what());
        return e.status();
    } catch (const std::exception& e) {
        std::fflush(stdout);
        fmt::print(stderr, "qemu-docker: error: {}\n", e.what());
        return 1;
    }
}

} // namespace qd
