#include "qemu_docker/util/current_user.h"

#include <cstdlib>
#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

namespace qd {

bool is_valid_user_name(const std::string& name) {
    if (name.empty() || name[0] == '-' || (name[0] >= '0' && name[0] <= '9'))
        return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    return true;
}

std::string choose_user_name(unsigned uid, const std::optional<std::string>& passwd_name,
                             const char* user_env, const char* logname_env) {
    std::optional<std::string> candidate = passwd_name;
    if (!candidate && user_env && *user_env)
        candidate = user_env;
    if (!candidate && logname_env && *logname_env)
        candidate = logname_env;
    if (candidate && is_valid_user_name(*candidate))
        return *candidate;
    return fmt::format("user{}", uid);
}

CurrentUser current_user() {
    unsigned uid = getuid();
    std::optional<std::string> passwd_name;
    if (const passwd* pw = getpwuid(uid))
        passwd_name = pw->pw_name;
    return {uid, choose_user_name(uid, passwd_name, std::getenv("USER"), std::getenv("LOGNAME"))};
}

std::string useradd_line(const CurrentUser& user) {
    return fmt::format("RUN id {0} 2>/dev/null || useradd -u {1} -U {0}", user.name, user.uid);
}

} // namespace qd
