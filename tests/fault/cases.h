#pragma once

// The fault suite's table: each conformance case (subcommand and options)
// with the stand-in's answers, the engine calls its clean run makes after the
// probe, and what qemu-docker does when each of them fails.

#include "fixture.h"

#include <functional>
#include <string>
#include <vector>

namespace fault {

using conformance::EngineSetup;
using fake_engine::Args;
using fake_engine::Sandbox;
using nlohmann::json;

// Expect::status is a number, or one of these.
inline constexpr int kCleanStatus = -1;  // the clean run's
inline constexpr int kEngineStatus = -2; // the failing call's own: 125, or 137 when killed

// What qemu-docker should do when a call fails one way.
struct Expect {
    int status = kCleanStatus;
    // Empty: no `qemu-docker: error:` line.  Otherwise exactly one, and it
    // contains this (the step that failed).
    std::string error;
    // The engine's own message (a failed call's stderr) is passed on.
    bool engine_message = false;
    // A container stays: the failed call was the one to list or remove it.
    bool container_left = false;
};

// The run goes on (or stops) as if nothing had failed: the clean status.
inline Expect as_clean() {
    return {};
}
// Status 1 and one error line containing ERROR.
inline Expect fails(const std::string& error) {
    return {1, error};
}
// The engine's status passed on (D2, `images`), with its message.
inline Expect passes_status() {
    return {kEngineStatus, "", true};
}
// STATUS, and no error line (e.g. check's "Image does not exist").
inline Expect exits(int status) {
    return {status, ""};
}

// One engine call of the clean run.
struct Step {
    // After the engine's prefix.  "{bk}" stands for docker's BuildKit
    // build-arg (D6), "{user}" for what --run-as-current-user adds.
    std::string line;
    Expect failed;               // exits non-zero (with a message), or is killed
    Expect garbage = as_clean(); // prints garbage on stdout, exits 0
    Expect empty = as_clean();   // prints nothing, exits 0
};

struct Case {
    std::string name;
    Args args = {};                                        // after the setup's global options
    json responses = json::object();                       // for each engine program
    json images = json::object();                          // the stand-in's "images"
    std::function<void(const Sandbox&)> prepare = nullptr; // files the case needs
    std::vector<Step> steps = {};                          // the calls after the probe
    int status = 0;                                        // of the clean run
    // run --keep: a container left by a failed or interrupted run is kept by
    // design, not an orphan.
    bool keeps_container = false;
    // probe: no engine working is an answer ("no", exit 0), not an error.
    bool probe_only = false;
};

const std::vector<Case>& cases();

// Replaces each FROM in TEXT by TO.
void replace(std::string& text, const std::string& from, const std::string& to);

// The engine setups each case runs under: podman, docker, sudo docker.
std::vector<const EngineSetup*> setups();

// The stand-in's config for CASE under SETUP (FAULT added when not null).
json config(const Case& c, const EngineSetup& setup, const json& fault = nullptr);

// The clean run's calls under SETUP, each line whole: the probe's, then
// the case's steps.
std::vector<Step> calls(const Case& c, const EngineSetup& setup);

} // namespace fault
