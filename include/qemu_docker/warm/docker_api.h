#pragma once

// The per-compile question on local docker, asked of the daemon's API over
// its unix socket instead of through a `docker inspect` (a client start
// costs 15-40 ms; the API answers in about one).  Only a yes is taken from
// it: the tag's current image id (which the compile agent then checks
// against its own), or that the warm container runs that image.  Anything
// else (no answer, another status, a container that is not running) leaves
// the question to `docker inspect`, as before.

#include "qemu_docker/warm/warm_container.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace qd {

// GET PATH, one request per connection.
std::string http_get_request(std::string_view path);

struct HttpResponse {
    int status = 0;
    std::string body;
};
// A whole HTTP/1.1 response read to the end of the connection (a body of
// Content-Length bytes, chunked, or up to the end); nullopt when it is not
// one.
std::optional<HttpResponse> parse_http_response(std::string_view text);

// /images/NAME/json and /containers/NAME/json, NAME escaped for a path.
std::string docker_image_path(std::string_view image);
std::string docker_container_path(std::string_view container);

// The image's id in an /images/NAME/json answer.
std::optional<std::string> image_id_in(std::string_view image_json);

// Whether the answers say that the container runs (not paused) and carries
// the image's id in its cc-image label; that id, if so.
std::optional<std::string> runs_current_image(std::string_view image_json,
                                              std::string_view container_json);

// Asks the daemon at SOCKET for IMAGE's current id; nullopt after LIMIT or
// for any answer but one with the id.
std::optional<std::string> docker_api_image_id(const std::filesystem::path& socket,
                                               const std::string& image,
                                               std::chrono::milliseconds limit);

// Asks the daemon at SOCKET; true when the container NAME runs IMAGE's
// current id.  Gives up (false) after LIMIT in all.
bool docker_api_confirms(const std::filesystem::path& socket, const std::string& image,
                         const std::string& name, std::chrono::milliseconds limit);

} // namespace qd
