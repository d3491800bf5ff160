#pragma once

// What `cc` and the compile agent (agent_server.h) say to each other over
// the agent's unix socket: frames of a 4-byte length (little-endian) and a
// payload.  The client sends one request, with its stdout and stderr as
// SCM_RIGHTS, and later perhaps kills; the agent answers started or
// missing, then how the compile ended.  Pure.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qd {

inline constexpr std::size_t kMaxFrame = 1 << 20; // a command line is far less

// "run\0IMAGE\0CWD\0ARG0\0ARG1\0..."; IMAGE: the image id the client
// knows to be current, or empty when it has checked the container itself.
struct CompileRequest {
    std::string cwd;
    std::vector<std::string> argv;
    std::string image;
};
std::string encode_request(const CompileRequest& request);
// nullopt unless it is a request with a cwd and at least argv[0].
std::optional<CompileRequest> decode_request(std::string_view payload);

// The agent's answers: "started PID" (the compiler runs: its status
// stands), "missing WHY" (it could not be started: no such program or
// directory), "stale" (its container runs another image than the request
// names: nothing ran), "exit N", "signal N".
struct AgentReply {
    enum Kind { Started, Missing, Stale, Exited, Signalled } kind;
    int number = 0;  // the pid, exit status or signal
    std::string why; // with Missing
};
std::string encode_reply(const AgentReply& reply);
std::optional<AgentReply> decode_reply(std::string_view payload);

// "kill N": the client passes a signal on to the compile.
std::string encode_kill(int signo);
std::optional<int> decode_kill(std::string_view payload);

// LENGTH PAYLOAD.
std::string frame(std::string_view payload);
// The first whole frame's payload in BUFFER, taken out of it; nullopt while
// it is incomplete.  Throws std::length_error for a frame over kMaxFrame.
std::optional<std::string> take_frame(std::string& buffer);

} // namespace qd
