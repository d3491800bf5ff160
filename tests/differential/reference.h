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
    std::string cwd;                          // relative to the work dir
    std::map<std::string, std::string> env;   // on top of the sandbox's
    std::map<std::string, std::string> files; // sandbox-relative path -> text
};

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

class Differential : public testing::Test {
  protected:
    // Skips, visibly, where the reference is absent.
    void SetUp() override;

    // Runs ARGS through the reference and through qemu-docker, each in a
    // fresh sandbox with CONFIG; outcomes normalised (uuids, sandbox root).
    Both both(const json& config, const Args& args, const Extra& extra = {});

    // The sandboxes of the last both(), or made by make_sandboxes().
    fake_engine::Sandbox& ref_sandbox() { return *ref_; }
    fake_engine::Sandbox& qd_sandbox() { return *qd_; }
    void make_sandboxes(const json& config, const Extra& extra = {});
    // The command line running ARGS through the reference or qemu-docker.
    Args ref_argv(const Args& args) const;
    static Args qd_argv(const Args& args);
    fake_engine::RunOptions options(const fake_engine::Sandbox& sandbox, const Extra& extra) const;

  private:
    std::unique_ptr<fake_engine::Sandbox> ref_, qd_;
};

// Calls, stdout, stderr and exit status all equal.
void expect_same(const Both& both);

// D5: docker.py adds --userns=keep-id to podman's run as the current user
// even where podman is rootful (we are root, or CONTAINER_HOST is set); drops
// it from the reference's calls, after checking that it was there.
void allow_d5_keep_id(Both& both, bool podman, bool rootful);

// Not a D-numbered difference but one docs/compatibility.md lists: podman
// removes a container with rm -f --time 0 ID (docker.py: rm -f ID, which
// waits 10 s for it to stop).  Adds --time 0 to the reference's podman rm
// calls.
void allow_podman_rm_time_0(Both& both);

// The reference died with a Python traceback (what D1 replaces).
bool has_traceback(const Outcome& outcome);

} // namespace differential
