#pragma once

// Warm containers for `cc` (on unless QEMU_DOCKER_REUSE=0): the compiler
// runs with `ENGINE exec` in a container started once per key (engine,
// image, user mapping, working directory and mounts, each by identity),
// which ends by itself after the idle expiry without a compile.  The pure
// half: names, scripts, command lines and the reading of the answers.
// warm_cc.h runs them.
//
// Inside the container, each compile registers its pid in a directory of
// the container's /tmp that the keep-alive loop removes, atomically, only
// when it is empty and the expiry has passed; so expiry does not depend on
// what runs as PID 1, and a compile never starts in a container that is
// ending.  Before becoming the compiler, the wrapper writes its pid into a
// per-key directory of the host's, bind-mounted: the host then knows
// whether the compiler started, so that a compile that did not start runs
// plainly instead, and one that did is never run again.

#include "qemu_docker/engine/engine_argv.h"
#include "qemu_docker/util/file_identity.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qd {

inline constexpr const char* kReuseLabel = "com.qemu.cc-reuse";
inline constexpr const char* kReuseImageLabel = "com.qemu.cc-image";
inline constexpr int kMaxReuseSeconds = 86400;
// The idle expiry when QEMU_DOCKER_REUSE is unset (docs/compatibility.md).
inline constexpr int kDefaultReuseSeconds = 60;
// Where the host's per-key directory is mounted in the container.
inline constexpr const char* kMarkerMount = "/run/qemu-docker-cc";
// Where the compile agent is mounted, and its socket's name in the per-key
// directory.
inline constexpr const char* kAgentMount = "/run/qemu-docker-cc-agent";
inline constexpr const char* kAgentSocket = "agent.sock";

// QEMU_DOCKER_REUSE's value: kDefaultReuseSeconds when unset or empty,
// nullopt (off) for 0, the seconds otherwise.  Throws Error for anything
// but 0 to kMaxReuseSeconds.
std::optional<int> reuse_seconds(const char* value);

// What one warm container serves: every compile with the same of these.
struct WarmKey {
    std::vector<std::string> engine_prefix;
    std::string image;
    std::optional<RunAsUser> user;
    std::vector<std::string> mounts; // cc's -w and -v arguments
    int seconds = 0;
    std::string engine_identity;                 // what the probe cache keys the engine by
    std::vector<std::string> mounted_identities; // object_identity of each mounted path
    // The compile agent on the host (agent_binary.h) and its identity; empty:
    // the sh keep-alive, and an `ENGINE exec` per compile.
    std::string agent;
    std::string agent_identity;
};

// 16 hex digits that stand for KEY.
std::string warm_key_hash(const WarmKey& key);
// qemu-docker-cc-HASH.
std::string warm_container_name(const std::string& key_hash);

// inspect IMAGE NAME, each answering with its id and its image label.
std::vector<std::string> warm_inspect_argv(const std::string& image, const std::string& name);

struct WarmState {
    std::string image_id;                       // empty: no such image
    std::optional<std::string> container_image; // the image the container runs, if it exists
};
// Reads the inspect's stdout (one line per object found).
WarmState parse_warm_inspect(std::string_view output);

// run -d --rm --name NAME ... -v MARKERS:kMarkerMount IMAGE_ID sh -c KEEP_ALIVE;
// with the agent: ... -v AGENT:kAgentMount:ro --entrypoint kAgentMount
// IMAGE_ID --socket kMarkerMount/kAgentSocket --idle SECONDS.
std::vector<std::string> warm_run_argv(const WarmKey& key, const std::string& name,
                                       const std::string& uuid, const std::string& key_hash,
                                       const std::string& image_id, const std::string& markers);
// exec NAME sh -c WRAPPER CC ARGS...: registers the compile, writes its pid
// into the marker UUID (for the host and warm_kill_argv), ends there if the
// marker UUID.cancel exists, writes "missing" instead when there is no
// such compiler (the plain run then says so, in the engine's words), and
// otherwise becomes the compiler.  It writes nothing to stdout or stderr.
std::vector<std::string> warm_exec_argv(const std::string& name, const std::string& uuid,
                                        const std::string& cc,
                                        const std::vector<std::string>& args);
// exec NAME sh -c ...: sends SIGNO to the compile UUID and all it started.
std::vector<std::string> warm_kill_argv(const std::string& name, const std::string& uuid,
                                        int signo);

// What the marker of a compile says once its exec has ended.
enum class CompileMarker { NotStarted, Started, CompilerMissing };
CompileMarker read_compile_marker(const std::optional<std::string>& text);

// inspect --format {{.State.Status}} NAME.
std::vector<std::string> warm_state_argv(const std::string& name);

// Whether the engine's answer to a failed `run` of the keep-alive says that
// the image has no `sh` (rather than that the engine failed).
bool says_no_shell(std::string_view engine_errors);

// With local podman, a compile may skip the inspect: its image store's
// images.json has not changed since the container was found running the
// tag's image, and the container's first process (pid and start time, as
// /proc shows them) still runs.  Saved per key in the state directory.
struct PodmanShortcut {
    FileIdentity images_file;
    long pid = 0;
    unsigned long long pid_start = 0;
};
std::string shortcut_record(const PodmanShortcut& shortcut);
std::optional<PodmanShortcut> read_shortcut_record(std::string_view text);
// Field 22 of /proc/PID/stat (the start time), from that file's text.
std::optional<unsigned long long> process_start_time(std::string_view stat);

// The container's main process: ends after SECONDS in which no compile
// started or ran, whatever runs as PID 1.
std::string keep_alive_script(int seconds);

} // namespace qd
