#pragma once

// Running the reference docker.py and qemu-docker on the same case, each in
// its own sandbox against the same stand-in engine config, and comparing
// what they did.

#include "sandbox.h"

#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace differential {

using fake_engine::Args;
using fake_engine::Outcome;
using nlohmann::json;
using Lines = std::vector<std::string>;

// The reference's path (env REFERENCE_DOCKER_PY, else the one CMake found),
// or "" when it or /usr/bin/python3 is absent.
std::string reference_path();

// What is set up alike in both sandboxes besides the config.
struct Extra {
    std::string cwd;                           // relative to the work dir
    std::map<std::string, std::string> env;    // on top of the sandbox's
    std::map<std::string, std::string> files;  // sandbox-relative path -> text
    std::map<std::string, std::string> copies; // sandbox-relative path -> file copied there
};

// A case run through both tools under an engine set-up.
struct Case {
    Case(std::string name, json responses, Args args, bool as_user = false, std::string cwd = "")
        : name(std::move(name)), responses(std::move(responses)), args(std::move(args)),
          as_user(as_user) {
        extra.cwd = std::move(cwd);
    }
    Case& with_top(const json& more) { // merged into the config's top level, e.g. images
        top.update(more);
        return *this;
    }
    Case& with_env(const std::string& name, const std::string& value) {
        extra.env[name] = value;
        return *this;
    }
    Case& with_file(const std::string& path, const std::string& text) {
        extra.files[path] = text;
        return *this;
    }
    Case& with_copy(const std::string& path, const std::string& source) {
        extra.copies[path] = source;
        return *this;
    }
    // The dockerfiles of kDockerfiles under ROOT/dockerfiles.
    Case& with_dockerfiles();
    // D9 allowed: qemu-docker labels what -e copies.
    Case& allowing_d9() {
        d9 = true;
        return *this;
    }

    std::string name;
    json responses; // for the chosen engine
    Args args;
    bool as_user; // runs as the current user (D5 may apply)
    json top = json::object();
    Extra extra;
    bool d9 = false;
};

// Dockerfiles the build and check cases use, by name (NAME.docker):
// "plain" (its checksum kPlainChecksum, computed by docker.py), "base" (CRLF,
// blank, comment, indented comment, NBSP-only and form-feed lines), "child"
// (FROM qemu/base, no final newline), "user" (FROM qemu/debian-arm64-user,
// which is debian-bootstrap.docker, kUserChecksum), "anywhere" (FROM qemu/
// also in a comment and inside a RUN line).
extern const std::map<std::string, std::string> kDockerfiles;
inline constexpr const char* kPlainChecksum = "22afa3793b9349d797b3ff1f3bc683c346c6c557";
inline constexpr const char* kUserChecksum = "560c43576ddd2a0b0d9f89e1e96ca9272c2a04aa";
// An image the stand-in knows, labelled with CHECKSUM, created at CREATED.
json image(const std::string& checksum,
           const std::string& created = "2024-01-01T00:00:00.000000000Z");

void PrintTo(const Case& c, std::ostream* out);

// Podman is rootful as root (the sandbox sets no CONTAINER_HOST).
bool rootful_podman();

struct Both {
    Outcome ref, qd;
};

// How the engine is present and chosen, for both tools.
struct Engine {
    std::string name;
    json programs;   // which programs exist, how their `version` answers
    Args global;     // options before the subcommand
    std::string key; // the config entry answering the chosen engine
    bool podman;     // the chosen engine is podman

    json config(const json& responses) const;
    Args args(const Args& rest) const;
};

const std::vector<Engine>& engines();
void PrintTo(const Engine& engine, std::ostream* out);

// Test names for cases over engines, and for engines.
std::string case_engine_name(const testing::TestParamInfo<std::tuple<Case, Engine>>& info);
std::string engine_name(const testing::TestParamInfo<Engine>& info);

class Differential : public testing::Test {
  protected:
    // Skips, visibly, where the reference is absent; fails there with CI=true.
    void SetUp() override;

    // Runs ARGS through the reference and through qemu-docker, each in a
    // fresh sandbox with CONFIG; outcomes normalised (uuids, sandbox root).
    // "<root>" in an argument stands for each sandbox's own root.
    Both both(const json& config, const Args& args, const Extra& extra = {});
    // CASE under ENGINE.
    Both both(const Case& c, const Engine& engine);

    // The sandboxes of the last both(), or made by make_sandboxes().
    fake_engine::Sandbox& ref_sandbox() { return *ref_; }
    fake_engine::Sandbox& qd_sandbox() { return *qd_; }
    void make_sandboxes(const json& config, const Extra& extra = {});
    // The command line running ARGS through the reference or qemu-docker.
    Args ref_argv(const Args& args) const;
    Args qd_argv(const Args& args) const;
    // What both are run under, e.g. setpriv --reuid=N (none: directly).
    Args wrapper;
    // Whether the next sandboxes are made usable by other uids.
    bool shared = false;
    fake_engine::RunOptions options(const fake_engine::Sandbox& sandbox, const Extra& extra) const;

  private:
    std::unique_ptr<fake_engine::Sandbox> ref_, qd_;
};

// A test of one case (GetParam(): the case and the engine set-up it runs
// under), instantiated over_engines(CASES).
class EachCase : public Differential,
                 public testing::WithParamInterface<std::tuple<Case, Engine>> {};
// Each of CASES under each engine set-up: EachCase's parameters.
inline auto over_engines(const std::vector<Case>& cases) {
    return testing::Combine(testing::ValuesIn(cases), testing::ValuesIn(engines()));
}
// A test run under each engine set-up (GetParam()).
class EachEngine : public Differential, public testing::WithParamInterface<Engine> {};

// Calls, stdout, stderr and exit status all equal, and what each build was
// given: dockerfile, context files or tar members, DOCKER_BUILDKIT.
void expect_same(const Both& both);
// Only the calls and what the builds were given.
void expect_same_calls(const Both& both);

// D5: qemu-docker asks the engine whether it runs rootless (one `info`)
// before a run as the current user, and docker.py adds --userns=keep-id to
// podman's run as the current user even where podman is rootful (we are
// root, or CONTAINER_HOST is set); drops the question from qemu-docker's
// calls and keep-id from the reference's, after checking that each was there.
void allow_d5_keep_id(Both& both, bool podman, bool rootful);

// Not a D-numbered difference but one docs/compatibility.md lists: podman
// removes a container with rm -f --time 0 ID (docker.py: rm -f ID, which
// waits 10 s for it to stop).  Adds --time 0 to the reference's podman rm
// calls.
void allow_podman_rm_time_0(Both& both);

// docs/compatibility.md ("probe says why"): when probe answers no,
// qemu-docker says on stderr why each engine tried did not work, and points
// at doctor; checks those lines (one per candidate, one for each `version`
// call made, then the pointer) and drops them.
void allow_probe_reasons(Both& both);

// D9: qemu-docker's generated dockerfile has a LABEL
// com.qemu.include-executable-checksum line more; drops it from its builds,
// after checking that it is there.
void allow_d9_executable_label(Both& both);

// docs/compatibility.md (D1 row): check and build read `inspect` once where
// docker.py runs it twice; drops the reference's second one, after checking.
void allow_inspect_once(Both& both);

// D8: qemu-docker refused (nothing run, exit 1, stderr "qemu-docker: error:
// ERROR") what docker.py handed the engine (its calls past the probe).
void expect_d8_refusal(const Both& both, const std::string& error);

// D4: qemu-docker leaves no build context behind; the reference's may stay.
bool context_left(const fake_engine::Sandbox& sandbox);

// The reference died with a Python traceback (what D1 replaces).
bool has_traceback(const Outcome& outcome);

} // namespace differential
