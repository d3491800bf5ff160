#include "qemu_docker/cli/application.h"

#include "qemu_docker/cli/command_line.h"
#include "qemu_docker/engine/signals.h"
#include "qemu_docker/util/error.h"

#include <csignal>
#include <cstdio>
#include <exception>
#include <fmt/format.h>

namespace qd {

namespace {

// The one place an error becomes a message on stderr and an exit status.
int report_error(const char* what, int status, bool with_usage = false) {
    std::fflush(stdout);
    if (with_usage)
        fmt::print(stderr,
                   "usage: qemu-docker [--engine {{auto,docker,podman}}] <subcommand> ...\n");
    fmt::print(stderr, "qemu-docker: error: {}\n", what);
    return status;
}

} // namespace

int run_application(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN); // a dead reader is an error to report, not a crash
    try {
        CommandLine command_line;
        if (!command_line.parse(std::vector<std::string>(argv + 1, argv + argc)))
            return 0;
        BlockedSignals interrupts(interrupt_signals()); // for the whole command: signals.h
        PosixSpawnRunner runner;
        int status = command_line.subcommand().execute(command_line.invocation(runner));
        throw_if_interrupted(); // one that came after the last child
        std::fflush(stdout);
        return status;
    } catch (const UsageError& e) {
        return report_error(e.what(), e.status(), true);
    } catch (const Error& e) {
        return report_error(e.what(), e.status());
    } catch (const std::exception& e) {
        return report_error(e.what(), 1);
    }
}

} // namespace qd
