#pragma once

// QEMU_DOCKER_TRACE=1: a line on stderr for each program qemu-docker runs
// and each decision that saves engine calls (probe cache, warm containers).
// Off otherwise: nothing else on stderr changes.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qd {

// Whether QEMU_DOCKER_TRACE is "1" (read once).
bool tracing();

// "qemu-docker: trace: MESSAGE" on stderr, when tracing.
void trace(std::string_view message);

// One word as a POSIX shell needs it typed: unchanged when it has only
// characters no shell treats specially, else in single quotes.
std::string shell_quoted(std::string_view word);

// ENV (NAME=VALUE words) and ARGV, each word shell-quoted, joined by spaces.
std::string shell_command_line(const std::vector<std::pair<std::string, std::string>>& env,
                               const std::vector<std::string>& argv);

} // namespace qd
