#include "known_failures.h"

#include <fnmatch.h>

namespace fault {

// Test names are CASE_SETUP_CallNCOMMAND_MODE (fault_test.cpp); hang modes
// run under AutoPodman only.  The first entry that matches counts.
const std::vector<KnownFailure> kKnownFailures = {
    // ---- build: SIGINT/SIGTERM held back, but passed on only to .pre and the build ----
    {"Build*_AutoPodman_Call1Version_Hang*", kHung | kClientLeft,
     "build blocks SIGINT/SIGTERM/SIGHUP for its whole run (InterruptGuard) and passes them "
     "on only to the .pre script and the engine's build; while the probe's `podman version` "
     "hangs the signal stays pending, so qemu-docker never ends (killed after 5 s)"},
    {"Build*_AutoPodman_Call2Inspect_Hang*", kHung | kClientLeft,
     "the same while build's `inspect TAG` hangs: the signal is held back and not passed on; "
     "qemu-docker never ends"},
    {"BuildRegistry_AutoPodman_Call[34]Pull_Hang*", kHung | kClientLeft | kTempLeft,
     "the same while a --registry `pull` hangs (parents, or the image's own for the cache); "
     "the build context already exists, so once qemu-docker is killed it stays in TMPDIR"},

    // ---- other subcommands: the signal's default action, the engine call left running ----
    {"*_AutoPodman_Call1Version_Hang*", kClientLeft,
     "SIGINT/SIGTERM during the probe's `podman version` ends qemu-docker at once (128+N) and "
     "leaves the hung engine client running (compatibility.md documents this for SIGTERM/SIGHUP "
     "in images, fetch, clean, update and check only)"},
    {"Check*_AutoPodman_Call2Inspect_Hang*", kClientLeft,
     "check ends at once on SIGINT/SIGTERM, the hung `inspect` left running (documented for "
     "SIGTERM)"},
    {"Update*_AutoPodman_Call2Build_Hang*", kClientLeft,
     "update ends at once on SIGINT/SIGTERM, the hung `build -t TAG -` left running (documented "
     "for SIGTERM); build passes them on to it, update does not"},
    {"Fetch_AutoPodman_Call*_Hang*", kClientLeft,
     "fetch ends at once on SIGINT/SIGTERM, the hung `pull` or `tag` left running (documented "
     "for SIGTERM)"},
    {"Images_AutoPodman_Call2Images_Hang*", kClientLeft,
     "images ends at once on SIGINT/SIGTERM, the hung `images` left running (documented for "
     "SIGTERM)"},
    {"Clean_AutoPodman_Call*_Hang*", kClientLeft,
     "clean ends at once on SIGINT/SIGTERM, the hung `ps` or `rm` left running (documented for "
     "SIGTERM)"},
    {"RunFailing_AutoPodman_Call[34]*_Hang*", kClientLeft,
     "after the run failed, SIGINT/SIGTERM while its `ps` or `rm` (looking for the container "
     "to remove) hangs ends qemu-docker at once, leaving that call running (and the container, "
     "which is expected: it could not be listed or removed)"},

    // ---- inspect output that is not JSON: the library's exception text in the message ----
    {"*_Call[23]Inspect_Garbage", kCrashText,
     "the error names the step but goes on with nlohmann's exception text and echoes the "
     "garbage's raw bytes: `cannot read the engine's description of qemu/base: "
     "[json.exception.parse_error.101] parse error at line 1, column 1: syntax error while "
     "parsing value - invalid literal; last read: '\\xff'`"},
    {"*_Call[23]Inspect_Empty", kCrashText,
     "empty `inspect` output: `cannot read the engine's description of qemu/base: "
     "[json.exception.parse_error.101] parse error at line 1, column 1: syntax error while "
     "parsing value - unexpected end of input; expected '[', '{', or a literal`"},

    // ---- inspect output that is JSON of the wrong shape ----
    {"Build*_Call[23]Inspect_WrongJson", kStatus | kErrorLine,
     "`[{\"Config\": {\"Labels\": [\"x\"]}, \"Created\": 5, ...}]` is taken for an image "
     "without labels: build rebuilds and exits 0, no error (D1 makes unreadable output, even "
     "`[]`, an error)"},
    {"Check[CS]*_Call[23]Inspect_WrongJson", kErrorLine,
     "the same taken for an image without labels: check prints \"Image needs updating\" and "
     "exits 1, no error line"},
    {"CheckAge_*_Call[23]Inspect_WrongJson", kErrorLine,
     "a number as `Created`: `qemu-docker: error: malformed RFC 3339 time \"\"`, which names "
     "neither the image nor the engine's description, nor what was there"},

    // ---- ps output taken word by word as container ids ----
    {"Clean_*_Call[23]Ps_Garbage", kGarbageUsed,
     "each word of `ps` output is passed to `rm -f` as an id, options included: garbage "
     "containing `--all` runs `podman rm -f --time 0 --all` (every container of the host) and "
     "`rm -f -rf`; docker.py splits the same way"},
    {"RunFailing_*_Call[34]Ps_Garbage", kGarbageUsed,
     "the same after a failed run: `rm -f --time 0 --all` and `rm -f -rf` from `ps` garbage"},

    // ---- update: a context larger than a pipe, and an engine that does not read it ----
    {"UpdateExecutable_*_Call[23]Build_Exit", kErrorLine,
     "the engine's `build -t qemu/base -` fails (125) before reading its stdin: the error is "
     "`writing the build context (lib/x86_64-linux-gnu/libc.so.6): Write error`, not that the "
     "engine's build failed with its status (as for a context that fits in the pipe: "
     "`updating qemu/base failed: ...`)"},
    {"UpdateExecutable_*_Call[23]Build_Kill", kErrorLine,
     "the same when the engine's build is killed (137) before reading its stdin"},
};

const KnownFailure* known_failure(const std::string& name) {
    for (const auto& k : kKnownFailures)
        if (::fnmatch(k.tests, name.c_str(), 0) == 0)
            return &k;
    return nullptr;
}

} // namespace fault
