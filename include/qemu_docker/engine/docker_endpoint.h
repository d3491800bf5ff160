#pragma once

// Where docker's client sends its requests, as it chooses: DOCKER_HOST,
// else the current context (DOCKER_CONTEXT, else config.json's), else the
// default socket.

#include <optional>
#include <string>

namespace qd {

// The unix socket docker's client uses (DOCKER_HOST unix://..., else the
// default one); nullopt when it talks to something else (tcp://, ssh://, a
// context other than "default").
std::optional<std::string> docker_socket_path();

} // namespace qd
