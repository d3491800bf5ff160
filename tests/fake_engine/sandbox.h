#pragma once

// A temporary directory in which a program runs against the recording
// stand-in engine: its bin directory (first on PATH) holds `podman`, `docker`
// and `sudo` for each of them the config names, and the stand-in's log is
// read back as a list of calls.

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/types.h>
#include <vector>

namespace fake_engine {

using Args = std::vector<std::string>;

// One call of the stand-in, as logged.
struct Call {
    std::string prog;
    Args argv;
    std::map<std::string, std::string> env;
    nlohmann::json record; // the whole log line

    // "prog arg arg...", each argument shell-quoted when needed.
    std::string line() const;
    // The engine's arguments: argv, but after "-n docker" for sudo.
    Args engine_argv() const;
    // Its first one ("run", "build", ...), or "".
    std::string command() const;
    // A build's dockerfile: the -f file, or the Dockerfile of the stdin tar.
    std::string dockerfile() const;
    // A build's context files, or the stdin tar's members: "PATH SIZE SHA1",
    // "PATH -> TARGET" for a symlink, "PATH/" for a directory.
    std::vector<std::string> files() const;
};

struct Outcome {
    std::string out, err;
    int status = -1; // exit code, or 128+signal
    bool timed_out = false;
    std::chrono::milliseconds elapsed{0};
    std::vector<Call> calls;

    // Every call's line(), and those but the `version` probes.
    std::vector<std::string> lines() const;
    std::vector<std::string> engine_lines() const;
    // The lines of stderr.
    std::vector<std::string> err_lines() const;
};

struct RunOptions {
    // On top of the sandbox's own, which has QEMU_DOCKER_REUSE=0 (docker.py's
    // one run per compile) unless this sets it or unsets it.
    std::map<std::string, std::string> env;
    std::vector<std::string> unset;
    std::filesystem::path cwd;      // empty: the sandbox's work dir
    bool own_process_group = false; // for a Ctrl-C sent to the group

    static RunOptions with_env(const std::string& name, const std::string& value) {
        RunOptions o;
        o.env[name] = value;
        return o;
    }
    static RunOptions without_env(const std::string& name) {
        RunOptions o;
        o.unset.push_back(name);
        return o;
    }
    static RunOptions in(const std::filesystem::path& cwd) {
        RunOptions o;
        o.cwd = cwd;
        return o;
    }
    static RunOptions process_group() {
        RunOptions o;
        o.own_process_group = true;
        return o;
    }
};

// A program started in the background.
class Child {
  public:
    Child(pid_t pid, int out, int err, bool group);
    Child(Child&&) = delete;
    ~Child();
    // Sends SIGNO to the child, or to its process group.
    void signal(int signo, bool to_group = false) const;
    // Waits until it exits (killing it after TIMEOUT); stdout, stderr, status.
    Outcome finish(std::chrono::milliseconds timeout = std::chrono::seconds(20));

  private:
    pid_t pid_;
    int out_, err_, pidfd_;
    bool group_;
    bool reaped_ = false;
};

// /usr/bin and /bin as PATH entries, unless a real podman, docker or sudo is
// installed there: then a directory of links to all else they hold (made
// once per state of /usr/bin, in the build tree), so that an engine the
// config leaves out stays absent.
std::string system_path();

class Sandbox {
  public:
    // CONFIG is the stand-in's config (see tests/fake_engine/README.md).
    explicit Sandbox(nlohmann::json config);
    Sandbox(const Sandbox&) = delete;
    ~Sandbox();

    const std::filesystem::path& root() const { return root_; }
    // The directory programs run in.
    std::filesystem::path work() const { return root_ / "work"; }
    // Lets another uid run in it: its directories, log and state writable
    // by all.
    void share_with_others() const;
    // A file of TEXT at ROOT/NAME; returns its path.
    std::filesystem::path write(const std::string& name, const std::string& text) const;

    // Runs ARGV (argv[0] a path) to completion.
    Outcome run(const Args& argv, const RunOptions& options = {}) const;
    std::unique_ptr<Child> start(const Args& argv, const RunOptions& options = {}) const;

    // The calls logged so far.
    std::vector<Call> calls() const;
    // Ids of the stand-in's waiting runs.
    std::vector<std::string> running() const;
    // Their state: "id", "uuid" (null when unlabelled) and "pid" (none for a
    // container its killed client left behind), sorted by id.
    std::vector<nlohmann::json> running_entries() const;
    // The signals waiting commands got, "COMMAND SIGNAME" each (e.g. "pull
    // SIGTERM"), in order; scripts of the tests append theirs to
    // $FAKE_ENGINE_STATE/signals too.
    std::vector<std::string> signals() const;
    // Waits until N runs wait; false after TIMEOUT.
    bool wait_running(size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

  private:
    std::filesystem::path root_;
};

// Replaces each distinct 32-hex-digit string by <uuid>, <uuid2>, ... in
// order of first appearance, consistently over OUTCOME's calls, stdout and
// stderr; the sandbox root by <tmp> (also in build context paths, where it
// has no leading /); a temporary build context <tmp>/tmp/docker_buildXXX by
// <context> and a temporary dockerfile in it by <context>/<dockerfile>.
// Returns the uuids found.
std::vector<std::string> normalise(Outcome& outcome, const std::filesystem::path& root);

// Whether binfmt_misc has an entry NAME with the F (persistent) flag, as
// qemu-user-static registers qemu-aarch64.
bool persistent_binfmt_entry(const std::string& name);

// The time MINUTES ago as YYYY-MM-DDTHH:MM:SS in the zone OFFSET_HOURS from
// UTC, followed by SUFFIX (a fraction and/or the zone), for image ages.
std::string minutes_ago(int minutes, const std::string& suffix, int offset_hours = 0);

// Whether TEXT looks like uuid.uuid4().hex.
bool is_uuid4_hex(const std::string& text);

} // namespace fake_engine
