#pragma once

// Warm containers for `cc` (QEMU_DOCKER_REUSE=SECONDS): the compiler runs
// with `ENGINE exec` in a container started once per key (engine, image,
// user mapping, working directory, mounts), which ends by itself after
// SECONDS without a compile.  The pure half: names, scripts, command lines
// and the reading of `inspect`'s answer.  warm_cc.h runs them.

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

// QEMU_DOCKER_REUSE's value: nullopt (off) when unset, empty or 0; the
// seconds otherwise.  Throws Error for anything but 0 to kMaxReuseSeconds.
std::optional<int> reuse_seconds(const char* value);

// What one warm container serves: every compile with the same of these.
struct WarmKey {
    std::vector<std::string> engine_prefix;
    std::string image;
    std::optional<RunAsUser> user;
    std::vector<std::string> mounts; // cc's -w and -v arguments
    int seconds = 0;
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

// run -d --rm --name NAME ... IMAGE_ID sh -c KEEP_ALIVE.
std::vector<std::string> warm_run_argv(const WarmKey& key, const std::string& name,
                                       const std::string& uuid, const std::string& key_hash,
                                       const std::string& image_id);
// exec NAME sh -c WRAPPER CC ARGS...: marks the container used, records its
// pid under UUID (for warm_kill_argv), then becomes the compiler.
std::vector<std::string> warm_exec_argv(const std::string& name, const std::string& uuid,
                                        const std::string& cc,
                                        const std::vector<std::string>& args);
// exec NAME sh -c ...: sends SIGNO to the compile UUID and all it started.
std::vector<std::string> warm_kill_argv(const std::string& name, const std::string& uuid,
                                        int signo);

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
// started or ran.
std::string keep_alive_script(int seconds);

} // namespace qd
