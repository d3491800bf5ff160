// The compile agent for real, as a process on this machine (in a warm
// container it is the first process; e2e 17 and 19 run it there): the
// client's descriptors, statuses, signals, refusals and expiry.
#include "precondition.h"
#include "qemu_docker/agent/agent_client.h"
#include "qemu_docker/agent/agent_server.h"
#include "qemu_docker/agent/channel.h"
#include "temp_dir.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace {

using namespace qd;
using namespace std::chrono_literals;

std::string read_all(int fd) {
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0)
        out.append(buf, static_cast<size_t>(n));
    return out;
}

bool is_there(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::exists(std::filesystem::symlink_status(path, ec));
}

bool not_empty(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::file_size(path, ec) > 0 && !ec;
}

bool wait_for(const std::function<bool()>& condition, std::chrono::milliseconds limit = 5s) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > until)
            return false;
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

class Agent : public testing::Test {
  protected:
    void start(int idle_seconds = 30, const char* image = nullptr) {
        std::string idle = std::to_string(idle_seconds);
        std::string socket_path = socket().string();
        const char* argv[] = {QEMU_DOCKER_AGENT_BINARY,
                              "--socket",
                              socket_path.c_str(),
                              "--idle",
                              idle.c_str(),
                              image ? "--image" : nullptr,
                              image,
                              nullptr};
        ASSERT_EQ(
            ::posix_spawn(&pid_, argv[0], nullptr, nullptr, const_cast<char**>(argv), environ), 0);
        ASSERT_TRUE(wait_for([&] { return is_there(socket()); })) << "the agent did not listen";
    }
    void TearDown() override {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    std::filesystem::path socket() const { return dir.path() / "agent.sock"; }

    struct Seen {
        AgentCompile result;
        std::string out, err;
    };
    // ARGV through the agent in the scratch directory; stdout and stderr through pipes.
    Seen compile(std::vector<std::string> argv, std::string cwd = "", std::string image = "") {
        int out[2], err[2];
        EXPECT_EQ(::pipe(out), 0);
        EXPECT_EQ(::pipe(err), 0);
        auto result = compile_through_agent(
            socket(), {cwd.empty() ? dir.path().string() : cwd, std::move(argv), std::move(image)},
            out[1], err[1], 5s);
        ::close(out[1]);
        ::close(err[1]);
        Seen seen{result, read_all(out[0]), read_all(err[0])};
        ::close(out[0]);
        ::close(err[0]);
        return seen;
    }
    // Whether the agent process has ended, and how.
    std::optional<int> ended() {
        int status;
        if (::waitpid(pid_, &status, WNOHANG) != pid_)
            return std::nullopt;
        pid_ = -1;
        return status;
    }

    test::TempDir dir;
    pid_t pid_ = -1;
};

TEST_F(Agent, CompileWritesToTheClientsDescriptorsAndItsStatusStands) {
    start();
    struct stat st {};
    ASSERT_EQ(::stat(socket().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 077, 0u) << "only its own user may connect";
    auto seen = compile({"sh", "-c", "echo out; echo err >&2; pwd; cat; exit 3"});
    EXPECT_EQ(seen.result.outcome, AgentCompile::Finished);
    EXPECT_EQ(seen.result.status, 3);
    EXPECT_EQ(seen.out, "out\n" + dir.path().string() + "\n"); // stdin: nothing
    EXPECT_EQ(seen.err, "err\n");
}

TEST_F(Agent, CompileKilledBySignalIs128PlusIt) {
    start();
    auto seen = compile({"sh", "-c", "kill -SEGV $$"});
    EXPECT_EQ(seen.result.outcome, AgentCompile::Finished);
    EXPECT_EQ(seen.result.status, 128 + SIGSEGV);
}

TEST_F(Agent, MissingCompilerOrDirectoryIsNotStarted) {
    start();
    std::ofstream(dir.path() / "plain") << "#!/bin/sh\n";
    auto seen = compile({"no-such-compiler-here"});
    EXPECT_EQ(seen.result.outcome, AgentCompile::Missing);
    EXPECT_EQ(seen.result.why, "not found");
    seen = compile({(dir.path() / "plain").string()});
    EXPECT_EQ(seen.result.outcome, AgentCompile::Missing);
    EXPECT_EQ(seen.result.why, "not executable");
    seen = compile({"sh", "-c", "true"}, (dir.path() / "gone").string());
    EXPECT_EQ(seen.result.outcome, AgentCompile::Missing);
    EXPECT_EQ(seen.result.why, "no directory " + (dir.path() / "gone").string());
    EXPECT_EQ(seen.out + seen.err, "");
}

// Started with its image's id, it runs what names that id or none, and
// nothing that names another: that container is out of date.
TEST_F(Agent, RunsOnlyForItsOwnImage) {
    start(30, "sha256:1111");
    auto ran = dir.path() / "ran";
    std::string touch = "touch " + ran.string();
    auto seen = compile({"sh", "-c", touch}, "", "sha256:2222");
    EXPECT_EQ(seen.result.outcome, AgentCompile::Stale);
    EXPECT_EQ(seen.out + seen.err, "");
    EXPECT_FALSE(is_there(ran)) << "nothing ran for another image";
    EXPECT_EQ(compile({"sh", "-c", touch + "; exit 4"}, "", "sha256:1111").result.status, 4);
    EXPECT_TRUE(is_there(ran));
    EXPECT_EQ(compile({"sh", "-c", "exit 5"}).result.status, 5) << "no image named: no check";
}

TEST_F(Agent, WithoutAnImageItRunsNothingThatNamesOne) {
    start();
    EXPECT_EQ(compile({"true"}, "", "sha256:1111").result.outcome, AgentCompile::Stale);
    EXPECT_EQ(compile({"true"}).result.outcome, AgentCompile::Finished);
}

TEST_F(Agent, NoAgentThereIsSaid) {
    auto seen = compile({"sh", "-c", "true"});
    EXPECT_EQ(seen.result.outcome, AgentCompile::NoAgent);
}

// SIGTERM to the client ends the compile's whole process group.
TEST_F(Agent, SignalIsPassedOnToTheCompilesGroup) {
    start();
    auto pids = dir.path() / "pids";
    pthread_t client = ::pthread_self();
    std::thread signaller([&] {
        wait_for([&] { return not_empty(pids); });
        ::pthread_kill(client, SIGTERM);
    });
    auto seen = compile({"sh", "-c", "sleep 30 & echo $$ $! > " + pids.string() + "; wait"});
    signaller.join();
    EXPECT_EQ(seen.result.outcome, AgentCompile::Finished);
    EXPECT_EQ(seen.result.status, 128 + SIGTERM);
    pid_t shell = 0, sleeper = 0;
    std::ifstream(pids) >> shell >> sleeper;
    ASSERT_GT(sleeper, 0);
    EXPECT_TRUE(wait_for([&] { return ::kill(sleeper, 0) != 0; })) << "the sleep still runs";
}

// A client that goes (make killed) takes its compile with it.
TEST_F(Agent, ClientGoneEndsItsCompile) {
    start();
    auto pids = dir.path() / "pids";
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    socket().native().copy(address.sun_path, sizeof address.sun_path - 1);
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    int null = ::open("/dev/null", O_WRONLY);
    int fds[2] = {null, null};
    ASSERT_TRUE(
        send_frame(fd,
                   encode_request({dir.path().string(),
                                   {"sh", "-c", "echo $$ > " + pids.string() + "; exec sleep 30"},
                                   ""}),
                   fds));
    std::string buffer;
    std::vector<UniqueFd> none;
    ASSERT_GT(receive(fd, buffer, none), 0);
    ASSERT_TRUE(wait_for([&] { return not_empty(pids); }));
    pid_t compile = 0;
    std::ifstream(pids) >> compile;
    EXPECT_EQ(take_frame(buffer).value_or(""), "started " + std::to_string(compile));
    ::close(fd);
    ::close(null);
    EXPECT_TRUE(wait_for([&] { return ::kill(compile, 0) != 0; })) << "the compile still runs";
}

TEST_F(Agent, EightCompilesAtOnce) {
    start();
    std::vector<std::thread> threads;
    std::vector<Seen> seen(8);
    for (size_t i = 0; i < seen.size(); ++i)
        threads.emplace_back([&, i] {
            seen[i] = compile({"sh", "-c", "sleep 0.2; echo $0; exit $0", std::to_string(i)});
        });
    for (auto& t : threads)
        t.join();
    for (size_t i = 0; i < seen.size(); ++i) {
        EXPECT_EQ(seen[i].result.outcome, AgentCompile::Finished);
        EXPECT_EQ(seen[i].result.status, static_cast<int>(i));
        EXPECT_EQ(seen[i].out, std::to_string(i) + "\n");
    }
}

// Another uid is refused (SO_PEERCRED) even where the socket lets it connect.
TEST_F(Agent, AnotherUidIsRefused) {
    if (::geteuid() != 0)
        PRECONDITION_MISSING("needs root to be another uid");
    start();
    ASSERT_EQ(::chmod(socket().c_str(), 0777), 0);
    ASSERT_EQ(::chmod(dir.path().c_str(), 0777), 0);
    auto mark = dir.path() / "ran";
    pid_t child = ::fork();
    if (child == 0) {
        if (::setresgid(4242, 4242, 4242) != 0 || ::setresuid(4242, 4242, 4242) != 0)
            ::_exit(90);
        int null = ::open("/dev/null", O_WRONLY);
        auto r = compile_through_agent(
            socket(), {dir.path().string(), {"touch", mark.string()}, ""}, null, null, 2s);
        ::_exit(r.outcome == AgentCompile::NotStarted ? 0 : 10 + r.outcome);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    EXPECT_FALSE(is_there(mark));
}

TEST_F(Agent, EndsAfterItsIdleTime) {
    start(1);
    EXPECT_EQ(compile({"true"}).result.status, 0);
    EXPECT_TRUE(wait_for([&] { return ended().has_value(); }, 4s));
    EXPECT_FALSE(is_there(socket())) << "the socket is removed";
}

TEST_F(Agent, RefusesOtherArguments) {
    int status = 0;
    pid_t child = 0;
    const char* argv[] = {QEMU_DOCKER_AGENT_BINARY, "--idle", "1", nullptr};
    ASSERT_EQ(::posix_spawn(&child, argv[0], nullptr, nullptr, const_cast<char**>(argv), environ),
              0);
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    EXPECT_EQ(WEXITSTATUS(status), 2);
}

TEST(AgentArguments, SocketIdleAndPerhapsImage) {
    using Args = std::vector<std::string>;
    auto options = parse_agent_args({"--socket", "/s", "--idle", "30"});
    ASSERT_TRUE(options);
    EXPECT_EQ(options->socket_path, "/s");
    EXPECT_EQ(options->idle_seconds, 30);
    EXPECT_EQ(options->image, "");
    options = parse_agent_args({"--socket", "/s", "--idle", "30", "--image", "sha256:1"});
    ASSERT_TRUE(options);
    EXPECT_EQ(options->image, "sha256:1");
    for (const Args& bad :
         {Args{"--socket", "/s", "--idle", "30", "--image", ""},
          Args{"--socket", "/s", "--idle", "30", "--image"},
          Args{"--socket", "/s", "--idle", "30", "--other", "x"},
          Args{"--socket", "/s", "--idle", "0"}, Args{"--socket", "", "--idle", "30"},
          Args{"--idle", "30", "--socket", "/s"}})
        EXPECT_FALSE(parse_agent_args(bad)) << testing::PrintToString(bad);
}

} // namespace
