#include "qemu_docker/warm/docker_api.h"

#include <charconv>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace qd {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::optional<std::string> unchunk(std::string_view body) {
    std::string out;
    for (;;) {
        auto eol = body.find("\r\n");
        if (eol == std::string_view::npos)
            return std::nullopt;
        size_t size = 0;
        auto [end, ec] = std::from_chars(body.data(), body.data() + eol, size, 16);
        if (ec != std::errc() || end == body.data())
            return std::nullopt;
        body.remove_prefix(eol + 2);
        if (size == 0)
            return out;
        if (body.size() < size + 2)
            return std::nullopt;
        out.append(body.substr(0, size));
        body.remove_prefix(size + 2);
    }
}

std::string escaped(std::string_view name) {
    std::string out;
    for (unsigned char c : name) {
        if (std::isalnum(c) ||
            std::string_view("-._~/:@").find(static_cast<char>(c)) != std::string_view::npos)
            out += static_cast<char>(c);
        else
            out += fmt::format("%{:02X}", c);
    }
    return out;
}

} // namespace

std::string http_get_request(std::string_view path) {
    return fmt::format("GET {} HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n", path);
}

std::optional<HttpResponse> parse_http_response(std::string_view text) {
    auto head_end = text.find("\r\n\r\n");
    if (!text.starts_with("HTTP/1.") || head_end == std::string_view::npos)
        return std::nullopt;
    std::string_view head = text.substr(0, head_end), body = text.substr(head_end + 4);
    HttpResponse response;
    auto space = head.find(' ');
    if (space == std::string_view::npos || head.size() < space + 4)
        return std::nullopt;
    auto [end, ec] =
        std::from_chars(head.data() + space + 1, head.data() + space + 4, response.status);
    if (ec != std::errc())
        return std::nullopt;
    bool chunked = false;
    std::optional<size_t> length;
    for (size_t at = head.find("\r\n"); at != std::string_view::npos;) {
        size_t next = head.find("\r\n", at + 2);
        std::string line = lower(head.substr(
            at + 2, next == std::string_view::npos ? std::string_view::npos : next - at - 2));
        if (line.starts_with("transfer-encoding:") && line.find("chunked") != std::string::npos)
            chunked = true;
        if (line.starts_with("content-length:")) {
            size_t n = 0;
            std::string_view value = std::string_view(line).substr(15);
            value.remove_prefix(std::min(value.find_first_not_of(' '), value.size()));
            if (std::from_chars(value.data(), value.data() + value.size(), n).ec == std::errc())
                length = n;
        }
        at = next;
    }
    if (chunked) {
        auto whole = unchunk(body);
        if (!whole)
            return std::nullopt;
        response.body = std::move(*whole);
    } else if (length) {
        if (body.size() < *length)
            return std::nullopt;
        response.body = body.substr(0, *length);
    } else {
        response.body = body;
    }
    return response;
}

std::string docker_image_path(std::string_view image) {
    return "/images/" + escaped(image) + "/json";
}

std::string docker_container_path(std::string_view container) {
    return "/containers/" + escaped(container) + "/json";
}

namespace {

nlohmann::json member(const nlohmann::json& object, const char* key) {
    return object.is_object() && object.contains(key) ? object[key] : nlohmann::json();
}

} // namespace

std::optional<std::string> image_id_in(std::string_view image_json) {
    auto id = member(nlohmann::json::parse(image_json, nullptr, false), "Id");
    if (!id.is_string() || id.get<std::string>().empty())
        return std::nullopt;
    return id.get<std::string>();
}

std::optional<std::string> runs_current_image(std::string_view image_json,
                                              std::string_view container_json) {
    auto id = image_id_in(image_json);
    auto container = nlohmann::json::parse(container_json, nullptr, false);
    auto state = member(container, "State");
    auto label = member(member(member(container, "Config"), "Labels"), kReuseImageLabel);
    bool running = member(state, "Running") == true && member(state, "Paused") != true &&
                   member(state, "Restarting") != true;
    if (!id || !running || label != *id)
        return std::nullopt;
    return id;
}

} // namespace qd
