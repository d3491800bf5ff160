#include "qemu_docker/util/trace.h"

#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>

namespace qd {

bool tracing() {
    static const bool on = [] {
        const char* value = std::getenv("QEMU_DOCKER_TRACE");
        return value && std::string_view(value) == "1";
    }();
    return on;
}

void trace(std::string_view message) {
    if (tracing())
        fmt::print(stderr, "qemu-docker: trace: {}\n", message);
}

std::string shell_quoted(std::string_view word) {
    constexpr std::string_view plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                       "0123456789@%+=:,./-_";
    if (!word.empty() && word.find_first_not_of(plain) == std::string_view::npos)
        return std::string(word);
    std::string out = "'";
    for (char c : word)
        out += c == '\'' ? std::string("'\"'\"'") : std::string(1, c);
    return out + "'";
}

std::string shell_command_line(const std::vector<std::pair<std::string, std::string>>& env,
                               const std::vector<std::string>& argv) {
    std::string out;
    auto add = [&](std::string word) {
        if (!out.empty())
            out += ' ';
        out += word;
    };
    for (const auto& [name, value] : env)
        add(name + "=" + shell_quoted(value));
    for (const auto& word : argv)
        add(shell_quoted(word));
    return out;
}

} // namespace qd
