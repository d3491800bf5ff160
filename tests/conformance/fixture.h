#pragma once

// What the conformance tests share: running the real qemu-docker binary in a
// sandbox against the stand-in engine, and the engine setups each test runs
// under.

#include "sandbox.h"

#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace conformance {

using fake_engine::Args;
using fake_engine::Outcome;
using fake_engine::RunOptions;
using nlohmann::json;
using Lines = std::vector<std::string>;

// The usage line every usage error starts with.
inline constexpr const char* kUsage =
    "usage: qemu-docker [--engine {auto,docker,podman}] <subcommand> ...";

// Runs qemu-docker in one sandbox per test.
class QemuDocker : public testing::Test {
  protected:
    // The sandbox, made with CONFIG on first use (CONFIG is ignored after).
    fake_engine::Sandbox& sandbox(const json& config);
    fake_engine::Sandbox& sandbox() { return *sandbox_; }

    // Runs qemu-docker ARGS to completion; the outcome with uuids and the
    // sandbox path normalised (see fake_engine::normalise).
    Outcome run(const json& config, const Args& args, const RunOptions& options = {});
    // The same in the sandbox made already.
    Outcome run(const Args& args, const RunOptions& options = {});
    // Starts qemu-docker ARGS in the background.
    std::unique_ptr<fake_engine::Child> start(const json& config, const Args& args,
                                              const RunOptions& options = {});
    // Waits for CHILD; its outcome with the calls logged since it started,
    // normalised.
    Outcome finish(fake_engine::Child& child);

    // ROOT/dockerfiles/NAME.docker.
    std::string dockerfile(const std::string& name) const;

    // The uuids the last run()/finish() normalised, in order.
    std::vector<std::string> uuids;
    // What qemu-docker is run under, e.g. setpriv --reuid=N (none: directly).
    Args wrapper;

    // A test that starts qemu-docker twice or more in its sandbox is one
    // whose answers the probe cache can change (the first command leaves a
    // record): its suite must be one that runs again with the cache off
    // (QD_NOCACHE_SUITES, tests/conformance/CMakeLists.txt).
    void TearDown() override;

  private:
    int starts_ = 0;
    std::unique_ptr<fake_engine::Sandbox> sandbox_;
    std::map<const fake_engine::Child*, size_t> first_call_; // of each child started
};

// How an engine is present and chosen.
struct EngineSetup {
    std::string name;
    json programs;          // the stand-in's config: which programs exist, how `version` answers
    Args global;            // options before the subcommand, e.g. --engine docker
    std::string key;        // the config entry answering the chosen engine's commands
    std::string prefix;     // how its commands start: podman, docker or sudo -n docker
    Lines probe;            // the version calls that choose it
    std::string probe_name; // what `probe` prints
};

std::ostream& operator<<(std::ostream& out, const EngineSetup& setup);
const std::vector<EngineSetup>& engine_setups();

// A test run under each engine setup.
class EachEngine : public QemuDocker, public testing::WithParamInterface<EngineSetup> {
  protected:
    // The config, with RESPONSES (e.g. {"run": {"exit": 3}}) for the chosen engine.
    json config(const json& responses = json::object()) const;
    // The global options, then ARGS.
    Args args(const Args& args) const;
    // The chosen engine's command line "PREFIX REST".
    std::string engine(const std::string& rest) const;
    // The probe's calls, then COMMANDS.
    Lines probed(const Lines& commands) const;
    // The same for a command after one that probed in this sandbox: without
    // the probe when the probe cache is on (QEMU_DOCKER_PROBE_CACHE not 0).
    Lines probed_again(const Lines& commands) const;
    // The same for a run as the current user after one in this sandbox:
    // with the probe cache on, neither the probe nor the rootless question
    // (whose answer, or guess, the record keeps) comes again.
    Lines probed_again_as_user(const Lines& commands) const;
    // What run --run-as-current-user adds: [--userns=keep-id] -u UID.
    std::string user() const;
    // The question asked before a run as the current user (after PREFIX):
    // whether the engine runs rootless.
    std::string rootless_question() const;
    // How the chosen engine's container ID is removed, after PREFIX.
    std::string rm(const std::string& id) const;
    // Whether builds use BuildKit: with docker (a client that the stand-in's
    // empty `version` output does not date), as docker.py does.
    bool buildkit() const { return GetParam().prefix != "podman"; }
    // DOCKER_BUILDKIT as the engine gets it from a build that uses BuildKit:
    // docker has it, docker through sudo does not (sudo's env_reset drops it).
    std::map<std::string, std::string> buildkit_env() const;
    // The build of TAG from a generated dockerfile: ARGS between the
    // options qemu-docker adds and the context.
    std::string build(const std::string& tag, const std::string& args = "") const;
};

// Expands to INSTANTIATE_TEST_SUITE_P over every engine setup.
#define QD_EACH_ENGINE(suite)                                                                      \
    INSTANTIATE_TEST_SUITE_P(Engines, suite, testing::ValuesIn(conformance::engine_setups()),      \
                             [](const auto& info) { return info.param.name; })

// Dockerfiles for build and check, and their com.qemu.dockerfile-checksum
// as computed by docker.py.  child.docker is FROM qemu/base.
inline constexpr const char* kBaseDockerfile =
    "# A base image\nFROM debian:bookworm\n\nRUN apt-get update\n";
inline constexpr const char* kBaseChecksum = "22afa3793b9349d797b3ff1f3bc683c346c6c557";
inline constexpr const char* kChildDockerfile = "FROM qemu/base\nRUN echo child\n";
inline constexpr const char* kChildChecksum = "e39b38266c6ec1edf19cf7c5ae516a2c5061c310";
// Writes them to ROOT/dockerfiles/{base,child}.docker.
void write_dockerfiles(const fake_engine::Sandbox& sandbox);
// An image known to the stand-in, labelled with CHECKSUM, created at CREATED.
json image(const std::string& checksum,
           const std::string& created = "2024-01-01T00:00:00.000000000Z");
// Whether the sandbox's TMPDIR is empty (no build context left: D4).
bool tmpdir_empty(const fake_engine::Sandbox& sandbox);

// Whether this run of the suite has the probe cache off
// (QEMU_DOCKER_PROBE_CACHE=0): then every command probes.
bool probe_cache_off();

// The path of the qemu-docker binary under test.
std::string qemu_docker();

// How podman's container ID is removed: without waiting 10 s for it to stop
// (docs/compatibility.md, "Smaller differences").
std::string podman_rm(const std::string& id);

// The run command line qemu-docker gives the engine, after "run".
std::string run_line(const std::string& rest, const std::string& uuid = "<uuid>");

} // namespace conformance
