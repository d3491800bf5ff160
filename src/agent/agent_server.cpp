#include "qemu_docker/agent/agent_server.h"

#include "qemu_docker/agent/channel.h"
#include "qemu_docker/agent/protocol.h"
#include "qemu_docker/util/unique_fd.h"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <list>
#include <poll.h>
#include <stdexcept>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

namespace qd {

std::optional<AgentOptions> parse_agent_args(const std::vector<std::string>& args) {
    bool with_image = args.size() == 6 && args[4] == "--image" && !args[5].empty();
    if ((args.size() != 4 && !with_image) || args[0] != "--socket" || args[2] != "--idle" ||
        args[1].empty())
        return std::nullopt;
    int seconds = 0;
    const std::string& text = args[3];
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error != std::errc() || end != text.data() + text.size() || seconds < 1)
        return std::nullopt;
    return AgentOptions{args[1], seconds, with_image ? args[5] : ""};
}

std::optional<std::string> resolve_program(const std::string& name, std::string_view path_value,
                                           std::string& why) {
    why = "not found";
    auto usable = [&why](const std::string& file) {
        struct stat st {};
        if (::stat(file.c_str(), &st) != 0 || S_ISDIR(st.st_mode))
            return false;
        if (::access(file.c_str(), X_OK) == 0)
            return true;
        why = "not executable";
        return false;
    };
    if (name.find('/') != std::string::npos)
        return usable(name) ? std::optional(name) : std::nullopt;
    for (std::size_t start = 0; start <= path_value.size();) {
        std::size_t end = std::min(path_value.find(':', start), path_value.size());
        std::string dir(path_value.substr(start, end - start));
        std::string file = (dir.empty() ? "." : dir) + "/" + name;
        if (usable(file))
            return file;
        start = end + 1;
    }
    return std::nullopt;
}

namespace {

using Clock = std::chrono::steady_clock;

void say(const std::string& text) {
    std::fprintf(stderr, "qemu-docker-cc-agent: %s\n", text.c_str());
}

struct Client {
    UniqueFd socket;
    std::string buffer;
    std::vector<UniqueFd> fds;
    pid_t compile = -1; // its pid and process group, while it runs
};

// In the child: the compile's process, once the agent says go.
[[noreturn]] void become_compile(const std::string& program, const CompileRequest& request, int out,
                                 int err, int go) {
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    ::setpgid(0, 0);
    int null = ::open("/dev/null", O_RDONLY);
    if (null < 0 || ::dup2(null, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0)
        ::_exit(127);
    char byte;
    if (::read(go, &byte, 1) != 1) // the agent did not say started
        ::_exit(127);
    std::vector<char*> argv;
    for (const auto& arg : request.argv)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    if (::chdir(request.cwd.c_str()) == 0)
        ::execv(program.c_str(), argv.data());
    int error = errno;
    std::string message =
        "qemu-docker-cc-agent: cannot run " + request.argv[0] + ": " + std::strerror(error) + "\n";
    (void)!::write(2, message.data(), message.size());
    ::_exit(error == ENOENT ? 127 : 126);
}

class Agent {
  public:
    explicit Agent(const AgentOptions& options) : options_(options) {}

    int serve() {
        if (!listen_on_socket())
            return 1;
        for (;;) {
            std::vector<pollfd> fds = {{signals_.get(), POLLIN, 0}, {listener_.get(), POLLIN, 0}};
            for (auto& c : clients_)
                fds.push_back({c.socket.valid() ? c.socket.get() : -1, POLLIN, 0});
            int ready = ::poll(fds.data(), fds.size(), idle_timeout());
            if (ready < 0 && errno != EINTR) {
                say(std::string("poll: ") + std::strerror(errno));
                return stop(1);
            }
            if (ready == 0 && running() == 0)
                return stop(0); // idle
            if (fds[0].revents)
                if (int signo = take_signals())
                    return stop(128 + signo);
            if (fds[1].revents)
                accept_clients();
            std::size_t i = 2;
            for (auto c = clients_.begin(); c != clients_.end(); ++i) {
                if (i < fds.size() && fds[i].revents && c->socket.valid())
                    read_client(*c);
                c = (!c->socket.valid() && c->compile < 0) ? clients_.erase(c) : std::next(c);
            }
        }
    }

  private:
    bool listen_on_socket() {
        sigset_t set;
        sigemptyset(&set);
        for (int s : {SIGCHLD, SIGTERM, SIGINT, SIGHUP})
            sigaddset(&set, s);
        ::sigprocmask(SIG_BLOCK, &set, nullptr);
        ::signal(SIGPIPE, SIG_IGN);
        signals_.reset(::signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
        listener_.reset(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
        // Bound under another name, then renamed once it listens: a client
        // never finds a socket that refuses it.
        std::string bound_as = options_.socket_path + ".new";
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        if (bound_as.size() >= sizeof address.sun_path) {
            say("socket path too long: " + options_.socket_path);
            return false;
        }
        bound_as.copy(address.sun_path, sizeof address.sun_path - 1);
        ::unlink(bound_as.c_str());
        mode_t old = ::umask(077);
        bool bound =
            signals_.valid() && listener_.valid() &&
            ::bind(listener_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
            ::listen(listener_.get(), 128) == 0 &&
            ::rename(bound_as.c_str(), options_.socket_path.c_str()) == 0;
        ::umask(old);
        if (!bound) {
            say("cannot listen on " + options_.socket_path + ": " + std::strerror(errno));
            ::unlink(bound_as.c_str());
        }
        last_activity_ = Clock::now();
        return bound;
    }

    int running() const {
        int n = 0;
        for (const auto& c : clients_)
            n += c.compile > 0;
        return n;
    }

    int idle_timeout() const {
        if (running() > 0)
            return -1;
        auto left = last_activity_ + std::chrono::seconds(options_.idle_seconds) - Clock::now();
        return static_cast<int>(
            std::max<long>(0, std::chrono::duration_cast<std::chrono::milliseconds>(left).count()));
    }

    int stop(int status) {
        ::unlink(options_.socket_path.c_str());
        listener_.reset();
        for (auto& c : clients_)
            if (c.compile > 0)
                ::kill(-c.compile, SIGTERM);
        return status;
    }

    // Reaps every ended child (orphans too: this is PID 1); returns a
    // SIGTERM, SIGINT or SIGHUP that arrived, or 0.
    int take_signals() {
        int stop_signal = 0;
        signalfd_siginfo info;
        while (::read(signals_.get(), &info, sizeof info) == sizeof info)
            if (info.ssi_signo != SIGCHLD)
                stop_signal = static_cast<int>(info.ssi_signo);
        int status;
        pid_t pid;
        while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0)
            for (auto& c : clients_)
                if (c.compile == pid)
                    finish(c, status);
        return stop_signal;
    }

    void finish(Client& c, int status) {
        c.compile = -1;
        last_activity_ = Clock::now();
        if (!c.socket.valid())
            return;
        AgentReply reply = WIFSIGNALED(status)
                               ? AgentReply{AgentReply::Signalled, WTERMSIG(status), ""}
                               : AgentReply{AgentReply::Exited, WEXITSTATUS(status), ""};
        send_frame(c.socket.get(), encode_reply(reply));
        c.socket.reset();
    }

    void accept_clients() {
        for (;;) {
            UniqueFd fd(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
            if (!fd.valid())
                return;
            ucred peer{};
            socklen_t size = sizeof peer;
            if (::getsockopt(fd.get(), SOL_SOCKET, SO_PEERCRED, &peer, &size) != 0 ||
                peer.uid != ::geteuid())
                continue; // only our own uid: closed at once
            last_activity_ = Clock::now();
            clients_.push_back(Client{std::move(fd), {}, {}, -1});
        }
    }

    void read_client(Client& c) {
        if (receive(c.socket.get(), c.buffer, c.fds) <= 0) {
            c.socket.reset(); // the client went: so does its compile
            if (c.compile > 0)
                ::kill(-c.compile, SIGKILL);
            return;
        }
        try {
            while (auto payload = take_frame(c.buffer))
                handle(c, *payload);
        } catch (const std::length_error&) {
            c.socket.reset();
        }
    }

    void handle(Client& c, const std::string& payload) {
        if (c.compile > 0) {
            if (auto signo = decode_kill(payload))
                ::kill(-c.compile, *signo);
            return;
        }
        auto request = decode_request(payload);
        if (!request || c.fds.size() != 2) {
            c.socket.reset();
            return;
        }
        if (!request->image.empty() && request->image != options_.image) {
            send_frame(c.socket.get(), encode_reply({AgentReply::Stale, 0, ""}));
            c.socket.reset(); // another image's agent: the client starts that one
            return;
        }
        start(c, *request);
    }

    void start(Client& c, const CompileRequest& request) {
        std::string why;
        const char* path = std::getenv("PATH");
        auto program = resolve_program(request.argv[0], path ? path : "/usr/bin:/bin", why);
        struct stat st {};
        if (program && (::stat(request.cwd.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))) {
            program.reset();
            why = "no directory " + request.cwd;
        }
        if (!program) {
            send_frame(c.socket.get(), encode_reply({AgentReply::Missing, 0, why}));
            c.socket.reset();
            return;
        }
        int go[2];
        if (::pipe2(go, O_CLOEXEC) != 0) {
            c.socket.reset();
            return;
        }
        UniqueFd go_read(go[0]), go_write(go[1]);
        pid_t pid = ::fork();
        if (pid == 0)
            become_compile(*program, request, c.fds[0].get(), c.fds[1].get(), go_read.get());
        c.fds.clear();
        if (pid < 0) {
            c.socket.reset();
            return;
        }
        ::setpgid(pid, pid);
        c.compile = pid;
        last_activity_ = Clock::now();
        if (!send_frame(c.socket.get(), encode_reply({AgentReply::Started, pid, ""}))) {
            c.socket.reset(); // never said started: the compile must not run
            return;
        }
        char byte = 1;
        (void)!::write(go_write.get(), &byte, 1);
    }

    AgentOptions options_;
    UniqueFd signals_, listener_;
    std::list<Client> clients_;
    Clock::time_point last_activity_;
};

} // namespace

int run_agent(const AgentOptions& options) {
    return Agent(options).serve();
}

} // namespace qd
