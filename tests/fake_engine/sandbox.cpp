#include "sandbox.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <regex>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fake_engine {

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace std::chrono;

namespace {

constexpr const char* kEngineNames[] = {"podman", "docker", "sudo"};

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + ": " + std::strerror(errno));
}

std::string shell_quote(const std::string& arg) {
    bool plain = !arg.empty() && std::all_of(arg.begin(), arg.end(), [](unsigned char c) {
        return std::isalnum(c) || std::strchr("_@%+=:,./-<>", c);
    });
    if (plain)
        return arg;
    std::string out = "'";
    for (char c : arg)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

// The contents of PATH ("" when unreadable).
std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Reads what is there on FD without blocking; false at end of file.
bool drain(int fd, std::string& into) {
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n > 0) {
            into.append(buf, static_cast<size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        return n < 0 && errno == EAGAIN;
    }
}

} // namespace

std::string Call::line() const {
    std::string out = prog;
    for (const auto& a : argv)
        out += " " + shell_quote(a);
    return out;
}

Args Call::engine_argv() const {
    size_t skip = prog == "sudo" ? std::min<size_t>(2, argv.size()) : 0;
    return Args(argv.begin() + static_cast<long>(skip), argv.end());
}

std::string Call::command() const {
    Args args = engine_argv();
    return args.empty() ? "" : args[0];
}

std::string Call::dockerfile() const {
    return record.value("dockerfile", "");
}

std::vector<std::string> Call::files() const {
    std::vector<std::string> out;
    for (const char* key : {"context_files", "tar_members"})
        for (const auto& f : record.value(key, json::array())) {
            std::string path = f["path"];
            if (f.value("type", "") == "dir")
                out.push_back(path + "/");
            else if (f.contains("link"))
                out.push_back(path + " -> " + f["link"].get<std::string>());
            else
                out.push_back(path + " " + std::to_string(f["size"].get<size_t>()) + " " +
                              f["sha1"].get<std::string>());
        }
    return out;
}

std::vector<std::string> Outcome::lines() const {
    std::vector<std::string> out;
    for (const auto& c : calls)
        out.push_back(c.line());
    return out;
}

std::vector<std::string> Outcome::engine_lines() const {
    std::vector<std::string> out;
    for (const auto& c : calls)
        if (c.command() != "version")
            out.push_back(c.line());
    return out;
}

std::vector<std::string> Outcome::err_lines() const {
    return split_lines(err);
}

Child::Child(pid_t pid, int out, int err, bool group)
    : pid_(pid), out_(out), err_(err), pidfd_(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0))),
      group_(group) {
    if (pidfd_ < 0)
        fail("pidfd_open");
}

Child::~Child() {
    if (!reaped_) {
        ::kill(group_ ? -pid_ : pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    ::close(out_);
    ::close(err_);
    ::close(pidfd_);
}

void Child::signal(int signo, bool to_group) const {
    ::kill(to_group ? -pid_ : pid_, signo);
}

Outcome Child::finish(milliseconds timeout) {
    Outcome outcome;
    auto start = steady_clock::now(), deadline = start + timeout;
    bool out_open = true, err_open = true;
    while (!reaped_) {
        pollfd fds[3] = {{out_, static_cast<short>(out_open ? POLLIN : 0), 0},
                         {err_, static_cast<short>(err_open ? POLLIN : 0), 0},
                         {pidfd_, POLLIN, 0}};
        auto left = duration_cast<milliseconds>(deadline - steady_clock::now()).count();
        if (left <= 0 && !outcome.timed_out) {
            outcome.timed_out = true;
            ::kill(group_ ? -pid_ : pid_, SIGKILL);
        }
        int n = ::poll(fds, 3, static_cast<int>(std::max<long long>(left, 100)));
        if (n < 0 && errno != EINTR)
            fail("poll");
        if (out_open && fds[0].revents)
            out_open = drain(out_, outcome.out);
        if (err_open && fds[1].revents)
            err_open = drain(err_, outcome.err);
        if (fds[2].revents) {
            int status = 0;
            while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
            }
            reaped_ = true;
            outcome.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
    }
    // What it wrote is in the pipes now; a grandchild may still hold them.
    drain(out_, outcome.out);
    drain(err_, outcome.err);
    outcome.elapsed = duration_cast<milliseconds>(steady_clock::now() - start);
    return outcome;
}

Sandbox::Sandbox(json config) {
    std::string templ = (fs::temp_directory_path() / "qd-sandbox-XXXXXX").string();
    if (!::mkdtemp(templ.data()))
        fail("mkdtemp");
    root_ = fs::canonical(templ);
    for (const char* dir : {"bin", "work", "tmp"})
        fs::create_directory(root_ / dir);
    for (const char* name : kEngineNames)
        if (config.contains(name))
            fs::create_symlink(FAKE_ENGINE_PATH, root_ / "bin" / name);
    write("config.json", config.dump(2));
}

Sandbox::~Sandbox() {
    // End any waiting run a test left behind.
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root_ / "log.state" / "running", ec)) {
        json j = json::parse(read_text(entry.path()), nullptr, false);
        if (!j.is_discarded() && j.contains("pid"))
            ::kill(j["pid"].get<pid_t>(), SIGKILL);
    }
    fs::remove_all(root_, ec);
}

void Sandbox::share_with_others() const {
    constexpr auto all = fs::perms::all,
                   read_run = fs::perms::all & ~fs::perms::group_write & ~fs::perms::others_write;
    fs::permissions(root_, read_run);
    for (const char* dir : {"work", "tmp", "log.state", "log.state/running", "log.state/seq"}) {
        fs::create_directories(root_ / dir);
        fs::permissions(root_ / dir, all);
    }
    write("log", "");
    fs::permissions(root_ / "log", fs::perms::owner_read | fs::perms::owner_write |
                                       fs::perms::group_read | fs::perms::group_write |
                                       fs::perms::others_read | fs::perms::others_write);
}

fs::path Sandbox::write(const std::string& name, const std::string& text) const {
    fs::path path = root_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

std::unique_ptr<Child> Sandbox::start(const Args& argv, const RunOptions& options) const {
    std::map<std::string, std::string> env = {
        {"PATH", (root_ / "bin").string() + ":" + system_path()},
        {"HOME", root_.string()},
        {"TMPDIR", (root_ / "tmp").string()},
        {"FAKE_ENGINE_LOG", (root_ / "log").string()},
        {"FAKE_ENGINE_STATE", (root_ / "log.state").string()},
        {"FAKE_ENGINE_CONFIG", (root_ / "config.json").string()},
        {"QEMU_DOCKER_REUSE", "0"},
    };
    for (const char* name :
         {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "QEMU_DOCKER_PROBE_CACHE"})
        if (const char* value = std::getenv(name))
            env[name] = value;
    for (const auto& [name, value] : options.env)
        env[name] = value;
    for (const auto& name : options.unset)
        env.erase(name);
    std::vector<std::string> env_strings, argv_strings = argv;
    for (const auto& [name, value] : env)
        env_strings.push_back(name + "=" + value);
    std::vector<char*> c_argv, c_env;
    for (auto& s : argv_strings)
        c_argv.push_back(s.data());
    for (auto& s : env_strings)
        c_env.push_back(s.data());
    c_argv.push_back(nullptr);
    c_env.push_back(nullptr);

    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
        fail("pipe");
    std::string cwd = (options.cwd.empty() ? work() : options.cwd).string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
    posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGPIPE})
        sigaddset(&defaults, s);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    if (options.own_process_group) {
        posix_spawnattr_setpgroup(&attr, 0);
        flags |= POSIX_SPAWN_SETPGROUP;
    }
    posix_spawnattr_setflags(&attr, flags);
    pid_t pid = 0;
    int rc = posix_spawn(&pid, c_argv[0], &actions, &attr, c_argv.data(), c_env.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(out[1]);
    ::close(err[1]);
    if (rc != 0) {
        ::close(out[0]);
        ::close(err[0]);
        errno = rc;
        fail("cannot run " + argv[0]);
    }
    for (int fd : {out[0], err[0]})
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    return std::make_unique<Child>(pid, out[0], err[0], options.own_process_group);
}

Outcome Sandbox::run(const Args& argv, const RunOptions& options) const {
    Outcome outcome = start(argv, options)->finish();
    outcome.calls = calls();
    return outcome;
}

std::vector<Call> Sandbox::calls() const {
    std::vector<Call> out;
    for (const auto& line : split_lines(read_text(root_ / "log"))) {
        json j = json::parse(line);
        Call call{j["prog"], j["argv"].get<Args>(), {}, j};
        for (const auto& [name, value] : j["env"].items())
            call.env[name] = value;
        out.push_back(std::move(call));
    }
    return out;
}

std::vector<std::string> Sandbox::running() const {
    std::vector<std::string> ids;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root_ / "log.state" / "running", ec))
        if (entry.path().extension() == ".json")
            ids.push_back(entry.path().stem());
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::vector<json> Sandbox::running_entries() const {
    std::vector<json> out;
    for (const auto& id : running()) {
        json j = json::parse(read_text(root_ / "log.state" / "running" / (id + ".json")), nullptr,
                             false);
        if (!j.is_discarded())
            out.push_back(j);
    }
    return out;
}

std::vector<std::string> Sandbox::signals() const {
    return split_lines(read_text(root_ / "log.state" / "signals"));
}

bool Sandbox::wait_running(size_t n, milliseconds timeout) const {
    auto deadline = steady_clock::now() + timeout;
    while (running().size() < n) {
        if (steady_clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(milliseconds(10));
    }
    return true;
}

bool persistent_binfmt_entry(const std::string& name) {
    std::string text = read_text("/proc/sys/fs/binfmt_misc/" + name);
    auto flags = text.find("flags: ");
    return flags != std::string::npos &&
           text.substr(flags, text.find('\n', flags) - flags).find('F') != std::string::npos;
}

std::string minutes_ago(int minutes, const std::string& suffix, int offset_hours) {
    std::time_t t = std::time(nullptr) - minutes * 60 + offset_hours * 3600;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    return buf + suffix;
}

bool is_uuid4_hex(const std::string& text) {
    static const std::regex uuid4("[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}");
    return std::regex_match(text, uuid4);
}

std::vector<std::string> normalise(Outcome& outcome, const fs::path& root) {
    static const std::regex hex32("\\b[0-9a-f]{32}\\b");
    static const std::regex context("<tmp>/tmp/docker_build[A-Za-z0-9_]+");
    static const std::regex dockerfile("<context>/tmp[A-Za-z0-9_]+\\.docker");
    std::vector<std::string> seen;
    auto replace_all = [](std::string& text, const std::string& from, const std::string& to) {
        for (size_t at; (at = text.find(from)) != std::string::npos;)
            text.replace(at, from.size(), to);
    };
    auto fix = [&](std::string& text) {
        replace_all(text, root.string(), "<tmp>");
        text = std::regex_replace(text, context, "<context>");
        text = std::regex_replace(text, dockerfile, "<context>/<dockerfile>");
        std::string out;
        auto begin = std::sregex_iterator(text.begin(), text.end(), hex32);
        size_t last = 0;
        for (auto it = begin; it != std::sregex_iterator(); ++it) {
            std::string uuid = it->str();
            auto found = std::find(seen.begin(), seen.end(), uuid);
            if (found == seen.end())
                found = seen.insert(seen.end(), uuid);
            size_t index = static_cast<size_t>(found - seen.begin());
            out += text.substr(last, static_cast<size_t>(it->position()) - last);
            out += index == 0 ? "<uuid>" : "<uuid" + std::to_string(index + 1) + ">";
            last = static_cast<size_t>(it->position() + it->length());
        }
        text = out + text.substr(last);
    };
    for (auto& call : outcome.calls) {
        for (auto& a : call.argv)
            fix(a);
        for (auto& [name, value] : call.env)
            fix(value);
        for (const char* key : {"context_files", "tar_members"}) {
            if (!call.record.contains(key))
                continue;
            for (auto& f : call.record[key])
                for (const char* field : {"path", "link"})
                    if (f.contains(field)) {
                        std::string text = f[field];
                        replace_all(text, root.string().substr(1), "<tmp>");
                        f[field] = text;
                    }
        }
        if (call.record.contains("dockerfile")) {
            std::string text = call.record["dockerfile"];
            fix(text);
            call.record["dockerfile"] = text;
        }
    }
    fix(outcome.out);
    fix(outcome.err);
    return seen;
}

std::string system_path() {
    const fs::path dirs[] = {"/usr/bin", "/bin"};
    bool clash = false;
    for (const auto& dir : dirs)
        for (const char* name : kEngineNames)
            clash = clash || fs::exists(dir / name);
    if (!clash)
        return "/usr/bin:/bin";
    auto stamp = fs::last_write_time("/usr/bin").time_since_epoch().count();
    fs::path masked = fs::path(FAKE_ENGINE_CACHE_DIR) / ("sysbin-" + std::to_string(stamp));
    if (fs::exists(masked))
        return masked.string();
    fs::path tmp = masked.string() + ".tmp" + std::to_string(::getpid());
    fs::create_directories(tmp);
    for (const auto& dir : dirs)
        for (const auto& entry : fs::directory_iterator(dir)) {
            std::string name = entry.path().filename();
            if (std::find(std::begin(kEngineNames), std::end(kEngineNames), name) ==
                    std::end(kEngineNames) &&
                !fs::exists(fs::symlink_status(tmp / name)))
                fs::create_symlink(entry.path(), tmp / name);
        }
    std::error_code ec;
    fs::rename(tmp, masked, ec);
    if (ec) // another test made it first
        fs::remove_all(tmp);
    return masked.string();
}

} // namespace fake_engine
