#include "qemu_docker/util/environment.h"

extern char** environ;

namespace qd {

std::vector<EnvironmentVariable> environment_variables() {
    std::vector<EnvironmentVariable> variables;
    for (char** e = environ; *e; ++e) {
        std::string_view entry(*e);
        auto eq = entry.find('=');
        if (eq == std::string_view::npos)
            variables.push_back({entry, entry, {}});
        else
            variables.push_back({entry, entry.substr(0, eq), entry.substr(eq + 1)});
    }
    return variables;
}

} // namespace qd
