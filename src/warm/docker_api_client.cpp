#include "qemu_docker/engine/signals.h"
#include "qemu_docker/util/poll_timeout.h"
#include "qemu_docker/util/trace.h"
#include "qemu_docker/util/unix_socket.h"
#include "qemu_docker/warm/docker_api.h"

#include <cerrno>
#include <fmt/format.h>
#include <poll.h>
#include <sys/socket.h>

namespace qd {

namespace {

using Clock = std::chrono::steady_clock;

// The daemon's whole answer to GET PATH, by DEADLINE.
std::optional<HttpResponse> get(const std::filesystem::path& socket, const std::string& path,
                                Clock::time_point deadline) {
    UniqueFd fd = connect_unix_socket(socket);
    if (!fd.valid())
        return std::nullopt;
    std::string request = http_get_request(path);
    for (size_t sent = 0; sent < request.size();) {
        ssize_t n = ::send(fd.get(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return std::nullopt;
        sent += static_cast<size_t>(n);
    }
    std::string answer;
    char buffer[16384];
    for (;;) {
        pollfd wait{fd.get(), POLLIN, 0};
        int ready = ::poll(&wait, 1, poll_timeout(deadline));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0 || answer.size() > (1u << 22))
            return std::nullopt; // too slow, or not the answer to this
        ssize_t n = ::recv(fd.get(), buffer, sizeof buffer, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return std::nullopt;
        if (n == 0)
            return parse_http_response(answer);
        answer.append(buffer, static_cast<size_t>(n));
    }
}

} // namespace

std::optional<std::string> docker_api_image_id(const std::filesystem::path& socket,
                                               const std::string& image,
                                               std::chrono::milliseconds limit) {
    auto started = Clock::now();
    auto answer = get(socket, docker_image_path(image), started + limit);
    auto id = answer && answer->status == 200 ? image_id_in(answer->body) : std::nullopt;
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    trace(fmt::format("docker's API at {}: {} is {} ({} ms)", socket.string(), image,
                      id ? *id : "not known", took.count()));
    throw_if_interrupted();
    return id;
}

bool docker_api_confirms(const std::filesystem::path& socket, const std::string& image,
                         const std::string& name, std::chrono::milliseconds limit) {
    auto started = Clock::now();
    auto deadline = started + limit;
    auto image_answer = get(socket, docker_image_path(image), deadline);
    auto container_answer = image_answer && image_answer->status == 200
                                ? get(socket, docker_container_path(name), deadline)
                                : std::nullopt;
    bool confirmed = container_answer && container_answer->status == 200 &&
                     runs_current_image(image_answer->body, container_answer->body);
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    trace(fmt::format("docker's API at {}: {} {} the current {} ({} ms)", socket.string(), name,
                      confirmed ? "runs" : "may not run", image, took.count()));
    throw_if_interrupted();
    return confirmed;
}

} // namespace qd
