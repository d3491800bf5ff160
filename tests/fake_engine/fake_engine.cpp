// The recording stand-in container engine of the tests, installed as
// `podman`, `docker` and `sudo` (see README.md beside it for the log and the
// config it answers from).
#include "qemu_docker/agent/channel.h"
#include "qemu_docker/agent/protocol.h"

#include <algorithm>
#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <optional>
#include <poll.h>
#include <set>
#include <sstream>
#include <string>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <vector>

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;
using Args = std::vector<std::string>;
using namespace std::string_view_literals;

constexpr const char* kInstanceLabel = "com.qemu.instance.uuid";

// Environment variables worth recording, when set.
constexpr const char* kRecordedEnv[] = {"DOCKER_BUILDKIT", "DOCKER_HOST", "CONTAINER_HOST",
                                        "CONTAINERS_CONF", "http_proxy",  "https_proxy",
                                        "ftp_proxy",       "HTTP_PROXY",  "HTTPS_PROXY",
                                        "FTP_PROXY",       "TRAVIS",      "GITLAB_CI"};

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        data.remove_prefix(static_cast<size_t>(n));
    }
}

std::string read_stdin() {
    std::string data;
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n > 0)
            data.append(buf, static_cast<size_t>(n));
        else if (n == 0 || errno != EINTR)
            return data;
    }
}

// Writes PATH whole or not at all (readers never see half a file).
void write_atomically(const fs::path& path, std::string_view data) {
    fs::path tmp = path;
    tmp += ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary);
        out << data;
    }
    fs::rename(tmp, path);
}

std::string sha1_hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha1(), nullptr);
    std::string hex;
    for (unsigned int i = 0; i < size; ++i) {
        char byte[3];
        std::snprintf(byte, sizeof byte, "%02x", digest[i]);
        hex += byte;
    }
    return hex;
}

std::string now_rfc3339() {
    auto now = std::chrono::system_clock::now();
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &utc);
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()) %
              std::chrono::seconds(1);
    char frac[16];
    std::snprintf(frac, sizeof frac, ".%09lld", static_cast<long long>(ns.count()));
    return std::string(buf) + frac + "Z";
}

// The log, the config and the state directory named by the environment.
struct Setup {
    std::optional<fs::path> log;
    json config = json::object();
    fs::path state;

    static Setup from_environment() {
        Setup s;
        if (const char* log = std::getenv("FAKE_ENGINE_LOG"))
            s.log = log;
        if (const char* config = std::getenv("FAKE_ENGINE_CONFIG"))
            s.config = json::parse(read_file(config));
        if (const char* state = std::getenv("FAKE_ENGINE_STATE"))
            s.state = state;
        else if (s.log)
            s.state = fs::path(*s.log).string() + ".state";
        else
            s.state = fs::temp_directory_path() / "fake_engine.state";
        fs::create_directories(s.state / "running");
        fs::create_directories(s.state / "seq");
        return s;
    }
};

void append_log(const Setup& setup, const json& line) {
    if (!setup.log)
        return;
    int fd = ::open(setup.log->c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        std::perror("fake_engine: log");
        std::exit(125);
    }
    ::flock(fd, LOCK_EX);
    // An argument that is not UTF-8 (qemu-docker passing on garbage) is
    // logged with U+FFFD in place of its bad bytes.
    write_all(fd, line.dump(-1, ' ', false, json::error_handler_t::replace) + "\n");
    ::close(fd);
}

// The canned answer for a command: CONFIG[ARGS[0]], or its by_arg entry for
// the first later argument that has one.
json response_for(const json& program, const Args& args) {
    if (args.empty() || !program.contains(args[0]))
        return json::object();
    const json& r = program[args[0]];
    if (auto by_arg = r.find("by_arg"); by_arg != r.end())
        for (size_t i = 1; i < args.size(); ++i)
            if (by_arg->contains(args[i]))
                return (*by_arg)[args[i]];
    return r;
}

int answer_status(const json& r) {
    return r.value("exit", 0);
}

// Prints the canned stdout and stderr and returns the canned exit status.
int answer(const json& r) {
    std::string out = r.value("stdout", ""), err = r.value("stderr", "");
    write_all(STDOUT_FILENO, out);
    write_all(STDERR_FILENO, err);
    return r.value("exit", 0);
}

std::optional<std::string> option_value(const Args& args,
                                        std::initializer_list<const char*> names) {
    for (size_t i = 1; i + 1 < args.size(); ++i)
        for (const char* name : names)
            if (args[i] == name)
                return args[i + 1];
    return std::nullopt;
}

// ---- containers: state/running/ID.json while a waiting `run` lives ----

struct Container {
    std::string id;
    pid_t pid = 0;
    std::optional<std::string> uuid;
};

std::vector<Container> running(const Setup& setup) {
    std::vector<Container> out;
    for (const auto& entry : fs::directory_iterator(setup.state / "running")) {
        if (entry.path().extension() != ".json")
            continue;
        json j = json::parse(read_file(entry.path()), nullptr, false);
        if (j.is_discarded())
            continue;
        Container c{j["id"], j.value("pid", 0), std::nullopt};
        if (j["uuid"].is_string())
            c.uuid = j["uuid"];
        out.push_back(c);
    }
    std::sort(out.begin(), out.end(), [](const Container& a, const Container& b) {
        return std::stoi(a.id.substr(1)) < std::stoi(b.id.substr(1));
    });
    return out;
}

// c1, c2, ...: never reused within one state directory.
std::string next_container_id(const Setup& setup) {
    for (int n = 1;; ++n) {
        fs::path seq = setup.state / "seq" / std::to_string(n);
        int fd = ::open(seq.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0) {
            ::close(fd);
            return "c" + std::to_string(n);
        }
    }
}

std::optional<std::string> instance_uuid(const Args& args) {
    std::string prefix = std::string(kInstanceLabel) + "=";
    for (size_t i = 1; i < args.size(); ++i) {
        std::string value;
        if (args[i] == "--label" && i + 1 < args.size())
            value = args[i + 1];
        else if (args[i].starts_with("--label="))
            value = args[i].substr(8);
        if (value.starts_with(prefix))
            return value.substr(prefix.size());
    }
    return std::nullopt;
}

// Appends "COMMAND SIGNAME" to state/signals: a signal the command got.
void record_signal(const Setup& setup, const Args& args, int signo) {
    std::string line = (args.empty() ? "" : args[0]) + " SIG" + sigabbrev_np(signo) + "\n";
    int fd =
        ::open((setup.state / "signals").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
    if (fd >= 0) {
        write_all(fd, line);
        ::close(fd);
    }
}

// A command that waits (`run`, or any other): registered as running until
// `rm -f ID` (SIGUSR1) ends it.  Like `sleep` as a container's pid 1, it
// ignores SIGINT, SIGTERM and SIGHUP, unless "interruptible" (as `build` is):
// then they end it with 128+N.  Either way each is recorded.
int run_waiting(const Setup& setup, const json& r, const Args& args) {
    sigset_t set;
    sigemptyset(&set);
    for (int s : {SIGUSR1, SIGINT, SIGTERM, SIGHUP})
        sigaddset(&set, s);
    sigprocmask(SIG_BLOCK, &set, nullptr);

    std::string id = next_container_id(setup);
    auto uuid = instance_uuid(args);
    json state = {{"id", id}, {"pid", ::getpid()}, {"uuid", uuid ? json(*uuid) : json(nullptr)}};
    fs::path file = setup.state / "running" / (id + ".json");
    write_atomically(file, state.dump());

    timespec timeout{r.value("timeout", 30), 0};
    while (true) {
        int got = sigtimedwait(&set, nullptr, &timeout);
        if (got == SIGUSR1)
            return r.value("killed_exit", 137);
        if (got > 0)
            record_signal(setup, args, got);
        if (got > 0 && r.value("interruptible", false)) {
            fs::remove(file);
            return 128 + got;
        }
        if (got > 0)
            continue;
        if (got < 0 && errno == EINTR)
            continue;
        fs::remove(file);
        std::fprintf(stderr, "fake_engine: waiting run %s timed out\n", id.c_str());
        return 124;
    }
}

// ps -q [-a] [--filter=label=KEY[=VALUE]]: the waiting runs that match (and
// the canned stderr and exit status).
int ps(const Setup& setup, const json& r, const Args& args) {
    if (r.contains("stdout"))
        return answer(r);
    std::optional<std::string> filter;
    for (size_t i = 1; i < args.size(); ++i) {
        if (args[i].starts_with("--filter="))
            filter = args[i].substr(9);
        else if (args[i] == "--filter" && i + 1 < args.size())
            filter = args[++i];
    }
    std::string key = std::string("label=") + kInstanceLabel;
    for (const auto& c : running(setup)) {
        bool match =
            !filter || (*filter == key && c.uuid) || (c.uuid && *filter == key + "=" + *c.uuid);
        if (match)
            std::cout << c.id << "\n";
    }
    std::cout.flush();
    write_all(STDERR_FILENO, r.value("stderr", ""));
    return r.value("exit", 0);
}

// rm [-f] [--time N] ID...: ends the waiting runs named.
int rm(const Setup& setup, const json& r, const Args& args) {
    auto containers = running(setup);
    for (size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--time" || args[i] == "-t")
            ++i;
        if (i >= args.size() || args[i].starts_with("-"))
            continue;
        for (const auto& c : containers) {
            if (c.id != args[i])
                continue;
            fs::remove(setup.state / "running" / (c.id + ".json"));
            if (c.pid > 0) // none: a container its client left behind
                ::kill(c.pid, SIGUSR1);
            std::cout << c.id << "\n";
        }
    }
    std::cout.flush();
    return answer(r);
}

// ---- faults: the config's "fault" makes the Nth call of any program fail ----

// Numbers this call 1, 2, ... across every program sharing the state
// directory, also when qemu-docker runs them at once.
int count_call(const Setup& setup) {
    fs::path file = setup.state / "calls";
    int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0)
        throw std::runtime_error("cannot open " + file.string());
    ::flock(fd, LOCK_EX);
    char buf[32] = {};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    int number = (n > 0 ? std::atoi(buf) : 0) + 1;
    std::string text = std::to_string(number);
    if (::pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size()))
        throw std::runtime_error("cannot write " + file.string());
    ::close(fd);
    return number;
}

// What qemu-docker may be given in place of the output it expects: not
// UTF-8, a NUL, half a JSON document, a terminal escape, option-like words.
constexpr std::string_view kGarbage = "\xff\xfe garbage \x1b[31m{\"Id\": [\0 --all\n"
                                      "-rf /\n\x80\x81\n\n   \n"
                                      "[{\"Config\": 42, \"Created\": null}]\n"sv;

// The config's fault, when it is for call NUMBER.
const json* fault_at(const Setup& setup, int number) {
    auto fault = setup.config.find("fault");
    if (fault == setup.config.end() || fault->value("call", 0) != number)
        return nullptr;
    return &*fault;
}

// A container that outlives its client, as a real engine's does when the
// client is killed: listed and removed, but no process stands for it.
void leave_container(const Setup& setup, const Args& args) {
    auto uuid = instance_uuid(args);
    if (!uuid)
        return;
    std::string id = next_container_id(setup);
    json state = {{"id", id}, {"uuid", *uuid}};
    write_atomically(setup.state / "running" / (id + ".json"), state.dump());
}

// The injected failure of this call (ARGS: the engine's, after sudo's): exit (status and message),
// kill (SIGKILL), garbage or empty stdout with status 0, or hang until signalled.
int inject_fault(const Setup& setup, const json& fault, const Args& args, int number) {
    std::string mode = fault.value("mode", "exit");
    if (fault.value("leave_container", false) && (mode == "exit" || mode == "kill"))
        leave_container(setup, args);
    if (mode == "kill") {
        ::raise(SIGKILL);
        return 137; // not reached
    }
    if (mode == "garbage" || mode == "empty") {
        if (args.size() > 1 && args[0] == "build" && args.back() == "-")
            read_stdin(); // the context, taken as a build that works takes it
        if (mode == "garbage")
            write_all(STDOUT_FILENO, fault.contains("stdout") ? fault["stdout"].get<std::string>()
                                                              : std::string(kGarbage));
        return 0;
    }
    if (mode == "hang")
        return run_waiting(
            setup, {{"interruptible", true}, {"timeout", fault.value("timeout", 60)}}, args);
    if (mode != "exit")
        throw std::runtime_error("unknown fault mode " + mode);
    write_all(STDERR_FILENO, fault.value("stderr", "Error: injected failure of call " +
                                                       std::to_string(number) + "\n"));
    return fault.value("exit", 125);
}

// ---- images: config "images" plus those built here (state/images.json) ----

json built_images(const Setup& setup) {
    fs::path file = setup.state / "images.json";
    if (!fs::exists(file))
        return json::object();
    return json::parse(read_file(file));
}

std::optional<json> find_image(const Setup& setup, const std::string& tag) {
    for (const json& images : {built_images(setup), setup.config.value("images", json::object())})
        for (const std::string& name : {tag, tag + ":latest"})
            if (images.contains(name))
                return images[name];
    if (tag.ends_with(":latest"))
        return find_image(setup, tag.substr(0, tag.size() - 7));
    return std::nullopt;
}

json inspect_entry(const std::string& tag, const json& image) {
    return {{"Id", sha1_hex(tag)},
            {"RepoTags", {tag}},
            {"Created", image.value("Created", "2024-01-01T00:00:00.000000000Z")},
            {"Config", {{"Labels", image.value("Labels", json::object())}}}};
}

int inspect(const Setup& setup, const json& r, const Args& args) {
    if (r.contains("stdout"))
        return answer(r);
    json out = json::array();
    for (size_t i = 1; i < args.size(); ++i) {
        if (args[i].starts_with("-"))
            continue;
        auto image = find_image(setup, args[i]);
        if (!image) {
            std::cout << "[]\n" << std::flush;
            std::cerr << "Error: No such object: " << args[i] << "\n";
            return 1;
        }
        out.push_back(inspect_entry(args[i], *image));
    }
    std::cout << out.dump(4) << "\n" << std::flush;
    return r.value("exit", 0);
}

// LABEL k=v [k=v...] lines, plus the labels of a FROM image we know.
json labels_of(const Setup& setup, const std::string& dockerfile) {
    json labels = json::object();
    std::istringstream lines(dockerfile);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        std::string word;
        words >> word;
        if (word == "FROM" && words >> word)
            if (auto parent = find_image(setup, word))
                labels.update(parent->value("Labels", json::object()));
        if (word != "LABEL")
            continue;
        while (words >> word) {
            auto eq = word.find('=');
            if (eq == std::string::npos)
                continue;
            std::string value = word.substr(eq + 1);
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
                value = value.substr(1, value.size() - 2);
            labels[word.substr(0, eq)] = value;
        }
    }
    return labels;
}

void store_image(const Setup& setup, const std::string& tag, const json& labels) {
    json images = built_images(setup);
    images[tag] = {{"Labels", labels}, {"Created", now_rfc3339()}};
    write_atomically(setup.state / "images.json", images.dump(2));
}

// ---- build: what it was given, recorded before the context goes away ----

json file_entry(const std::string& path, std::string_view data) {
    return {{"path", path}, {"size", data.size()}, {"sha1", sha1_hex(data)}};
}

json context_listing(const fs::path& context, const fs::path& dockerfile, json& record) {
    json files = json::array();
    std::error_code ec;
    fs::path skip = fs::weakly_canonical(dockerfile, ec);
    for (auto it = fs::recursive_directory_iterator(context, ec);
         it != fs::recursive_directory_iterator(); ++it) {
        if (it->is_directory() && !it->is_symlink())
            continue;
        if (fs::weakly_canonical(it->path(), ec) == skip) {
            record["dockerfile_in_context"] = true;
            continue;
        }
        std::string rel = it->path().lexically_relative(context).string();
        if (it->is_symlink())
            files.push_back({{"path", rel}, {"link", fs::read_symlink(it->path()).string()}});
        else
            files.push_back(file_entry(rel, read_file(it->path())));
    }
    std::sort(files.begin(), files.end(),
              [](const json& a, const json& b) { return a["path"] < b["path"]; });
    return files;
}

// The members of a tar (any format and compression libarchive reads).
json tar_members(const std::string& data, std::string& dockerfile, json& record) {
    json members = json::array();
    archive* a = archive_read_new();
    archive_read_support_filter_all(a);
    archive_read_support_format_all(a);
    if (archive_read_open_memory(a, data.data(), data.size()) != ARCHIVE_OK) {
        record["tar_error"] = archive_error_string(a) ? archive_error_string(a) : "unreadable";
        archive_read_free(a);
        return members;
    }
    archive_entry* entry;
    while (archive_read_next_header(a, &entry) == ARCHIVE_OK) {
        std::string name = archive_entry_pathname(entry);
        std::string body;
        char buf[65536];
        for (la_ssize_t n; (n = archive_read_data(a, buf, sizeof buf)) > 0;)
            body.append(buf, static_cast<size_t>(n));
        json m = file_entry(name, body);
        m["mode"] = archive_entry_perm(entry);
        if (archive_entry_filetype(entry) == AE_IFDIR)
            m["type"] = "dir";
        else if (archive_entry_filetype(entry) == AE_IFLNK)
            m["link"] = archive_entry_symlink(entry);
        members.push_back(m);
        if (name == "Dockerfile" || name == "./Dockerfile")
            dockerfile = body;
    }
    archive_read_free(a);
    return members;
}

// Adds to RECORD what a build was given; returns its tag and dockerfile.
// Unless READ_STDIN_CONTEXT, a context on stdin is left unread (an engine that
// fails before it reads it).
std::pair<std::string, std::string> record_build(const Args& args, bool read_stdin_context,
                                                 json& record) {
    std::string tag = option_value(args, {"-t", "--tag"}).value_or("");
    std::string dockerfile;
    if (args.size() < 2)
        return {tag, dockerfile};
    const std::string& context = args.back();
    if (context == "-" && !read_stdin_context)
        return {tag, dockerfile};
    if (context == "-") {
        std::string data = read_stdin();
        record["stdin_bytes"] = data.size();
        record["tar_members"] = tar_members(data, dockerfile, record);
        record["dockerfile"] = dockerfile;
        return {tag, dockerfile};
    }
    fs::path file = option_value(args, {"-f", "--file"}).value_or(context + "/Dockerfile");
    dockerfile = read_file(file);
    record["dockerfile"] = dockerfile;
    record["context_files"] = context_listing(context, file, record);
    return {tag, dockerfile};
}

// ---- the compile agent: what a warm `run -d ... --entrypoint AGENT` starts ----

// The real engine runs qemu-docker's agent as the container's first process;
// the stand-in plays it on the host: listening at the socket the per-key
// directory's bind mount names there, it answers each compile from the
// config's `exec` entry (stdout and stderr written to the descriptors the
// client passed, "started": false, "compiler": "missing", "wait") and logs
// it as {"prog": "agent", "argv": [CC, ARGS...], "cwd": DIR}.  A request
// naming another image than its --image is answered "stale", unlogged.
struct AgentRun {
    fs::path socket;
    int idle_seconds = 60;
    std::string image;
};

std::optional<AgentRun> agent_run(const Args& args) {
    auto entrypoint = option_value(args, {"--entrypoint"});
    if (!entrypoint || *entrypoint != "/run/qemu-docker-cc-agent")
        return std::nullopt;
    AgentRun run;
    const std::string mount = ":/run/qemu-docker-cc:rw";
    for (size_t i = 0; i + 1 < args.size(); ++i) {
        if (args[i] == "-v" && args[i + 1].ends_with(mount))
            run.socket =
                fs::path(args[i + 1].substr(0, args[i + 1].size() - mount.size())) / "agent.sock";
        if (args[i] == "--idle")
            run.idle_seconds = std::atoi(args[i + 1].c_str());
        if (args[i] == "--image")
            run.image = args[i + 1];
    }
    if (run.socket.empty())
        return std::nullopt;
    return run;
}

void serve_compile(const Setup& setup, const std::string& program, const AgentRun& run,
                   int connection) {
    std::string buffer;
    std::vector<qd::UniqueFd> fds;
    std::optional<std::string> payload;
    while (!(payload = qd::take_frame(buffer)))
        if (qd::receive(connection, buffer, fds) <= 0)
            return;
    auto request = qd::decode_request(*payload);
    if (!request || fds.size() != 2)
        return;
    if (!request->image.empty() && request->image != run.image) {
        qd::send_frame(connection, qd::encode_reply({qd::AgentReply::Stale, 0, ""}));
        return;
    }
    append_log(setup, {{"prog", "agent"},
                       {"argv", request->argv},
                       {"env", json::object()},
                       {"cwd", request->cwd},
                       {"call", count_call(setup)}});
    Args as_exec = {"exec"};
    as_exec.insert(as_exec.end(), request->argv.begin(), request->argv.end());
    json r = response_for(setup.config.value(program, json::object()), as_exec);
    if (!r.value("started", true))
        return;
    if (r.value("compiler", "") == "missing") {
        qd::send_frame(connection, qd::encode_reply({qd::AgentReply::Missing, 0, "not found"}));
        return;
    }
    qd::send_frame(connection, qd::encode_reply({qd::AgentReply::Started, ::getpid(), ""}));
    write_all(fds[0].get(), r.value("stdout", ""));
    write_all(fds[1].get(), r.value("stderr", ""));
    fds.clear();
    if (r.value("wait", false)) {
        pollfd wait{connection, POLLIN, 0};
        while (::poll(&wait, 1, r.value("timeout", 30) * 1000) > 0) {
            if (qd::receive(connection, buffer, fds) <= 0)
                return;
            if (auto kill = qd::take_frame(buffer); kill && qd::decode_kill(*kill)) {
                int signo = *qd::decode_kill(*kill);
                record_signal(setup, {"agent"}, signo);
                qd::send_frame(connection,
                               qd::encode_reply({qd::AgentReply::Signalled, signo, ""}));
                return;
            }
        }
    }
    qd::send_frame(connection, qd::encode_reply({qd::AgentReply::Exited, r.value("exit", 0), ""}));
}

// The agent's life: registered as a running container (so that `ps` lists
// it, `rm` ends it and the sandbox's end kills it) until idle or removed.
[[noreturn]] void be_agent(const Setup& setup, const std::string& program, const AgentRun& run,
                           const Args& args) {
    ::setsid();
    int null = ::open("/dev/null", O_RDWR);
    for (int fd : {0, 1, 2})
        ::dup2(null, fd);
    sigset_t set;
    sigemptyset(&set);
    for (int s : {SIGUSR1, SIGTERM, SIGINT, SIGHUP})
        sigaddset(&set, s);
    sigprocmask(SIG_BLOCK, &set, nullptr);
    ::signal(SIGPIPE, SIG_IGN);
    std::string id = next_container_id(setup);
    auto uuid = instance_uuid(args);
    fs::path file = setup.state / "running" / (id + ".json");
    write_atomically(
        file, json({{"id", id}, {"pid", ::getpid()}, {"uuid", uuid ? json(*uuid) : json(nullptr)}})
                  .dump());
    qd::UniqueFd signals(::signalfd(-1, &set, SFD_CLOEXEC));
    qd::UniqueFd listener(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    run.socket.native().copy(address.sun_path, sizeof address.sun_path - 1);
    ::unlink(run.socket.c_str());
    if (::bind(listener.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        ::listen(listener.get(), 64) == 0) {
        pollfd fds[2] = {{listener.get(), POLLIN, 0}, {signals.get(), POLLIN, 0}};
        while (::poll(fds, 2, run.idle_seconds * 1000) > 0 && !fds[1].revents) {
            qd::UniqueFd connection(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
            if (connection.valid())
                serve_compile(setup, program, run, connection.get());
        }
    }
    ::unlink(run.socket.c_str());
    fs::remove(file);
    ::_exit(0);
}

// Starts the agent and waits until it listens, as a real `run -d` returns
// once the container's process runs (the agent binds at once).
void start_agent(const Setup& setup, const std::string& program, const AgentRun& run,
                 const Args& args) {
    std::cout.flush();
    pid_t pid = ::fork();
    if (pid == 0)
        be_agent(setup, program, run, args);
    for (int i = 0; i < 400 && !fs::exists(run.socket); ++i)
        ::usleep(5000);
}

// An exec of cc's warm-compile wrapper (exec NAME sh -c SCRIPT CC ...):
// plays the container's side of the compile's marker, which the real
// engine's bind mount shows the host in qemu-docker's state directory: the
// pid (the compiler started), "missing" ("compiler": "missing") or nothing
// ("started": false: the engine failed before the wrapper ran).  Returns
// false when the host's cancel marker was there (the wrapper ends).
bool play_compile_marker(const json& r, const Args& args) {
    const std::string mount = "/run/qemu-docker-cc/", prefix = "qemu-docker-cc-";
    if (args.size() < 6 || args[2] != "sh" || args[4].find("exec \"$0\"") == std::string::npos)
        return true;
    auto at = args[4].find(mount);
    if (at == std::string::npos || !args[1].starts_with(prefix) || !r.value("started", true))
        return true;
    std::string uuid = args[4].substr(at + mount.size(), 32);
    const char* xdg = std::getenv("XDG_RUNTIME_DIR");
    const char* home = std::getenv("HOME");
    fs::path state = xdg && *xdg && fs::is_directory(fs::path(xdg) / "qemu-docker")
                         ? fs::path(xdg) / "qemu-docker"
                         : fs::path(home ? home : "") / ".cache/qemu-docker";
    fs::path marker = state / ("cc-" + args[1].substr(prefix.size(), 16)) / uuid;
    bool missing = r.value("compiler", "") == "missing";
    std::ofstream(marker) << (missing ? std::string("missing") : std::to_string(::getpid()))
                          << "\n";
    return !fs::exists(marker.string() + ".cancel");
}

// Behaves as engine PROGRAM (its config entry) for ARGS.
int engine(const Setup& setup, const std::string& program, const Args& args, json record) {
    json config = setup.config.value(program, json::object());
    json r = response_for(config, args);
    std::string command = args.empty() ? "" : args[0];
    if (command == "run" && config.contains("agent_run") && agent_run(args))
        r = config["agent_run"]; // an engine that will not start the agent's container
    std::pair<std::string, std::string> built;
    if (command == "build")
        built = record_build(args, !r.value("ignore_stdin", false), record);
    append_log(setup, record);

    if (r.value("leave_container", false))
        leave_container(setup, args);
    if (r.value("wait", false))
        return run_waiting(setup, r, args);
    if (command == "ps")
        return ps(setup, r, args);
    if (command == "rm")
        return rm(setup, r, args);
    if (command == "inspect")
        return inspect(setup, r, args);
    if (command == "exec" && !play_compile_marker(r, args))
        return 125;
    if (command == "run" && answer_status(r) == 0)
        if (auto agent = agent_run(args))
            start_agent(setup, program, *agent, args);
    int status = answer(r);
    if (command == "build" && status == 0 && r.value("store", true) && !built.first.empty())
        store_image(setup, built.first, labels_of(setup, built.second));
    return status;
}

// What real sudo keeps of the caller's environment under env_reset
// (Debian's default sudoers; `sudo -V` as root lists them): the variables it
// sets itself or keeps (env_keep), those env_check lets through, and no
// DOCKER_BUILDKIT, DOCKER_HOST, proxy or CI variable.
bool sudo_keeps(std::string_view name) {
    static const std::set<std::string_view> kept = {"COLORS",
                                                    "COLORTERM",
                                                    "DISPLAY",
                                                    "HOME",
                                                    "HOSTNAME",
                                                    "KRB5CCNAME",
                                                    "LANG",
                                                    "LANGUAGE",
                                                    "LINGUAS",
                                                    "LOGNAME",
                                                    "LS_COLORS",
                                                    "MAIL",
                                                    "PATH",
                                                    "PS1",
                                                    "PS2",
                                                    "SHELL",
                                                    "TERM",
                                                    "TZ",
                                                    "USER",
                                                    "USERNAME",
                                                    "XAUTHORITY",
                                                    "XAUTHORIZATION",
                                                    "XDG_CURRENT_DESKTOP"};
    return kept.count(name) || name.starts_with("LC_") || name.starts_with("SUDO_");
}

// Leaves only what sudo_keeps(), so that a test cannot see a variable pass
// through sudo that real sudo would drop.
void reset_environment_as_sudo() {
    std::vector<std::string> dropped;
    for (char** entry = environ; *entry; ++entry) {
        std::string_view text(*entry);
        std::string_view name = text.substr(0, text.find('='));
        if (!sudo_keeps(name))
            dropped.emplace_back(name);
    }
    for (const auto& name : dropped)
        ::unsetenv(name.c_str());
}

int fake_sudo(const Setup& setup, const Args& args, json record) {
    if (args.empty() || args[0] != "-n") {
        append_log(setup, record);
        std::cerr << "sudo: a terminal is required to read the password\n";
        return 1;
    }
    if (args.size() < 2 || args[1] != "docker") {
        append_log(setup, record);
        std::cerr << "sudo: " << (args.size() < 2 ? "" : args[1]) << ": command not found\n";
        return 1;
    }
    return engine(setup, "sudo", Args(args.begin() + 2, args.end()), std::move(record));
}

} // namespace

int main(int argc, char** argv) {
    try {
        std::string program = fs::path(argv[0]).filename();
        Args args(argv + 1, argv + argc);
        Setup setup = Setup::from_environment();
        int number = count_call(setup);
        if (program == "sudo")
            reset_environment_as_sudo();
        json record = {
            {"prog", program}, {"argv", args}, {"env", json::object()}, {"call", number}};
        for (const char* name : kRecordedEnv)
            if (const char* value = std::getenv(name))
                record["env"][name] = value;
        if (const json* fault = fault_at(setup, number)) {
            record["fault"] = fault->value("mode", "exit");
            append_log(setup, record);
            bool sudo = program == "sudo" && args.size() >= 2;
            return inject_fault(setup, *fault, sudo ? Args(args.begin() + 2, args.end()) : args,
                                number);
        }
        if (program == "sudo")
            return fake_sudo(setup, args, std::move(record));
        return engine(setup, program, args, std::move(record));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fake_engine: %s\n", e.what());
        return 125;
    }
}
