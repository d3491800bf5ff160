#pragma once

// The user that --add-current-user adds to an image.

#include <optional>
#include <string>

namespace qd {

struct CurrentUser {
    unsigned uid;
    std::string name;
};

// A name useradd accepts and a dockerfile line cannot be broken by:
// [a-z0-9_-]+, not starting with a digit or a dash.
bool is_valid_user_name(const std::string& name);

// The passwd name, else $USER, else $LOGNAME, else "user<uid>"; a candidate
// that is not a valid user name falls through to "user<uid>".
std::string choose_user_name(unsigned uid, const std::optional<std::string>& passwd_name,
                             const char* user_env, const char* logname_env);

// The current user, looked up in passwd and the environment.
CurrentUser current_user();

// RUN id NAME 2>/dev/null || useradd -u UID -U NAME
std::string useradd_line(const CurrentUser& user);

} // namespace qd
