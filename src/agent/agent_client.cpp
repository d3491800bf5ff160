#include "qemu_docker/agent/agent_client.h"

#include "qemu_docker/agent/channel.h"
#include "qemu_docker/engine/signals.h"
#include "qemu_docker/util/poll_timeout.h"
#include "qemu_docker/util/unix_socket.h"

#include <array>
#include <cerrno>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>

namespace qd {

namespace {

using Clock = std::chrono::steady_clock;

} // namespace

AgentCompile compile_through_agent(const std::filesystem::path& socket,
                                   const CompileRequest& request, int out, int err,
                                   std::chrono::milliseconds start_limit) {
    BlockedSignals interrupts(interrupt_signals());
    UniqueFd fd = connect_unix_socket(socket);
    if (!fd.valid())
        return {AgentCompile::NoAgent, 0, ""};
    std::array<int, 2> fds = {out, err};
    if (!send_frame(fd.get(), encode_request(request), fds))
        return {AgentCompile::NotStarted, 0, "the agent went"};
    bool started = false;
    int interrupted_by = 0;
    std::optional<Clock::time_point> deadline = Clock::now() + start_limit;
    std::string buffer;
    std::vector<UniqueFd> no_fds;
    for (;;) {
        pollfd wait[2] = {{fd.get(), POLLIN, 0}, {interrupts.fd(), POLLIN, 0}};
        int ready = ::poll(wait, 2, poll_timeout(deadline));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0) // no answer in time
            return interrupted_by ? AgentCompile{AgentCompile::Finished, 128 + interrupted_by, ""}
                                  : AgentCompile{AgentCompile::NotStarted, 0, "no answer"};
        if (wait[1].revents) {
            if (int signo = interrupts.take()) {
                interrupted_by = signo;
                if (!started)
                    return {AgentCompile::Finished, 128 + signo, ""};
                send_frame(fd.get(), encode_kill(signo));
                deadline = Clock::now() + std::chrono::seconds(10);
            }
            continue;
        }
        if (receive(fd.get(), buffer, no_fds) <= 0) // it went
            return started ? AgentCompile{AgentCompile::Finished, 128 + SIGKILL, "the agent went"}
                           : AgentCompile{AgentCompile::NotStarted, 0, "the agent went"};
        for (;;) {
            std::optional<std::string> payload;
            try {
                payload = take_frame(buffer);
            } catch (const std::length_error&) {
            }
            if (!payload && buffer.size() < 4 + kMaxFrame)
                break;
            auto reply = payload ? decode_reply(*payload) : std::nullopt;
            if (!reply) // once started, its status stands: never run it again
                return started ? AgentCompile{AgentCompile::Finished, 128 + SIGKILL, "garbled"}
                               : AgentCompile{AgentCompile::NotStarted, 0, "garbled"};
            switch (reply->kind) {
            case AgentReply::Started:
                started = true;
                deadline = std::nullopt;
                break;
            case AgentReply::Missing:
                return {AgentCompile::Missing, 0, reply->why};
            case AgentReply::Stale:
                return {AgentCompile::Stale, 0, ""};
            case AgentReply::Exited:
                return {AgentCompile::Finished,
                        interrupted_by ? 128 + interrupted_by : reply->number, ""};
            case AgentReply::Signalled:
                return {AgentCompile::Finished, 128 + reply->number, ""};
            }
        }
    }
}

} // namespace qd
