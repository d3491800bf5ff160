#include "qemu_docker/agent/protocol.h"

#include <charconv>
#include <stdexcept>

namespace qd {

namespace {

std::optional<int> number_after(std::string_view payload, std::string_view word) {
    if (!payload.starts_with(word))
        return std::nullopt;
    payload.remove_prefix(word.size());
    int value = 0;
    auto [end, error] = std::from_chars(payload.data(), payload.data() + payload.size(), value);
    if (error != std::errc() || end != payload.data() + payload.size() || payload.empty())
        return std::nullopt;
    return value;
}

} // namespace

std::string encode_request(const CompileRequest& request) {
    std::string out = "run";
    out += '\0';
    out += request.image;
    out += '\0';
    out += request.cwd;
    for (const auto& arg : request.argv) {
        out += '\0';
        out += arg;
    }
    return out;
}

std::optional<CompileRequest> decode_request(std::string_view payload) {
    std::vector<std::string> words;
    for (std::size_t start = 0;;) {
        std::size_t end = payload.find('\0', start);
        words.emplace_back(payload.substr(start, end - start));
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    if (words.size() < 4 || words[0] != "run" || words[2].empty() || words[3].empty())
        return std::nullopt;
    return CompileRequest{words[2], std::vector<std::string>(words.begin() + 3, words.end()),
                          words[1]};
}

std::string encode_reply(const AgentReply& reply) {
    switch (reply.kind) {
    case AgentReply::Started:
        return "started " + std::to_string(reply.number);
    case AgentReply::Missing:
        return "missing " + reply.why;
    case AgentReply::Stale:
        return "stale";
    case AgentReply::Exited:
        return "exit " + std::to_string(reply.number);
    case AgentReply::Signalled:
        return "signal " + std::to_string(reply.number);
    }
    return "";
}

std::optional<AgentReply> decode_reply(std::string_view payload) {
    if (payload.starts_with("missing "))
        return AgentReply{AgentReply::Missing, 0, std::string(payload.substr(8))};
    if (payload == "stale")
        return AgentReply{AgentReply::Stale, 0, ""};
    const std::pair<std::string_view, AgentReply::Kind> kinds[] = {
        {"started ", AgentReply::Started},
        {"exit ", AgentReply::Exited},
        {"signal ", AgentReply::Signalled}};
    for (auto [word, kind] : kinds)
        if (auto n = number_after(payload, word))
            return AgentReply{kind, *n, ""};
    return std::nullopt;
}

std::string encode_kill(int signo) {
    return "kill " + std::to_string(signo);
}

std::optional<int> decode_kill(std::string_view payload) {
    auto signo = number_after(payload, "kill ");
    if (!signo || *signo <= 0 || *signo > 64)
        return std::nullopt;
    return signo;
}

std::string frame(std::string_view payload) {
    std::string out(4, '\0');
    auto size = static_cast<std::uint32_t>(payload.size());
    for (int i = 0; i < 4; ++i)
        out[static_cast<std::size_t>(i)] = static_cast<char>((size >> (8 * i)) & 0xff);
    out += payload;
    return out;
}

std::optional<std::string> take_frame(std::string& buffer) {
    if (buffer.size() < 4)
        return std::nullopt;
    std::uint32_t size = 0;
    for (int i = 0; i < 4; ++i)
        size |= static_cast<std::uint32_t>(
                    static_cast<unsigned char>(buffer[static_cast<std::size_t>(i)]))
                << (8 * i);
    if (size > kMaxFrame)
        throw std::length_error("a frame of " + std::to_string(size) + " bytes");
    if (buffer.size() < 4 + static_cast<std::size_t>(size))
        return std::nullopt;
    std::string payload = buffer.substr(4, size);
    buffer.erase(0, 4 + static_cast<std::size_t>(size));
    return payload;
}

} // namespace qd
