#include "fixture.h"

#include <algorithm>
#include <cstdlib>
#include <unistd.h>

namespace conformance {

std::string qemu_docker() {
    return QEMU_DOCKER_BINARY;
}

std::string run_line(const std::string& rest, const std::string& uuid) {
    return "run --rm --label com.qemu.instance.uuid=" + uuid + (rest.empty() ? "" : " " + rest);
}

std::string podman_rm(const std::string& id) {
    return "rm -f --time 0 " + id;
}

fake_engine::Sandbox& QemuDocker::sandbox(const json& config) {
    if (!sandbox_)
        sandbox_ = std::make_unique<fake_engine::Sandbox>(config);
    return *sandbox_;
}

Outcome QemuDocker::run(const json& config, const Args& args, const RunOptions& options) {
    return finish(*start(config, args, options));
}

Outcome QemuDocker::run(const Args& args, const RunOptions& options) {
    return finish(*start(json::object(), args, options));
}

std::unique_ptr<fake_engine::Child> QemuDocker::start(const json& config, const Args& args,
                                                      const RunOptions& options) {
    Args argv = wrapper;
    argv.push_back(qemu_docker());
    argv.insert(argv.end(), args.begin(), args.end());
    size_t logged = sandbox(config).calls().size();
    auto child = sandbox_->start(argv, options);
    ++starts_;
    first_call_[child.get()] = logged;
    return child;
}

void QemuDocker::TearDown() {
#ifdef QD_NOCACHE_SUITES
    if (starts_ < 2)
        return;
    std::string suite = testing::UnitTest::GetInstance()->current_test_info()->test_suite_name();
    suite = suite.substr(suite.find('/') + 1); // Engines/Build: Build
    const std::string listed = std::string(":") + QD_NOCACHE_SUITES + ":";
    EXPECT_NE(listed.find(":" + suite + ":"), std::string::npos)
        << suite << " starts qemu-docker " << starts_
        << " times in one sandbox: add it to QD_NOCACHE_SUITES in tests/conformance/CMakeLists.txt";
#endif
}

std::string QemuDocker::dockerfile(const std::string& name) const {
    return (sandbox_->root() / "dockerfiles" / (name + ".docker")).string();
}

Outcome QemuDocker::finish(fake_engine::Child& child) {
    Outcome outcome = child.finish();
    outcome.calls = sandbox_->calls();
    size_t first = std::min(first_call_[&child], outcome.calls.size());
    outcome.calls.erase(outcome.calls.begin(), outcome.calls.begin() + static_cast<long>(first));
    first_call_.erase(&child);
    uuids = fake_engine::normalise(outcome, sandbox_->root());
    return outcome;
}

void write_dockerfiles(const fake_engine::Sandbox& sandbox) {
    sandbox.write("dockerfiles/base.docker", kBaseDockerfile);
    sandbox.write("dockerfiles/child.docker", kChildDockerfile);
}

json image(const std::string& checksum, const std::string& created) {
    return {{"Labels", {{"com.qemu.dockerfile-checksum", checksum}}}, {"Created", created}};
}

bool tmpdir_empty(const fake_engine::Sandbox& sandbox) {
    return std::filesystem::is_empty(sandbox.root() / "tmp");
}

std::ostream& operator<<(std::ostream& out, const EngineSetup& setup) {
    return out << setup.name;
}

const std::vector<EngineSetup>& engine_setups() {
    static const std::vector<EngineSetup> setups = {
        {"AutoPodman",
         R"({"podman": {}, "docker": {}, "sudo": {}})"_json,
         {},
         "podman",
         "podman",
         {"podman version"},
         "podman"},
        {"AutoPodmanOnly",
         R"({"podman": {}})"_json,
         {},
         "podman",
         "podman",
         {"podman version"},
         "podman"},
        {"AutoDockerWithoutPodman",
         R"({"docker": {}, "sudo": {}})"_json,
         {},
         "docker",
         "docker",
         {"docker version"},
         "docker"},
        {"AutoDockerWhenPodmanFails",
         R"({"podman": {"version": {"exit": 125}}, "docker": {}})"_json,
         {},
         "docker",
         "docker",
         {"podman version", "docker version"},
         "docker"},
        {"AutoSudoDocker",
         R"({"docker": {"version": {"exit": 1}}, "sudo": {}})"_json,
         {},
         "sudo",
         "sudo -n docker",
         {"docker version", "sudo -n docker version"},
         "sudo docker"},
        {"EngineDocker",
         R"({"podman": {}, "docker": {}, "sudo": {}})"_json,
         {"--engine", "docker"},
         "docker",
         "docker",
         {"docker version"},
         "docker"},
        {"EngineDockerSudo",
         R"({"podman": {}, "docker": {"version": {"exit": 1}}, "sudo": {}})"_json,
         {"--engine", "docker"},
         "sudo",
         "sudo -n docker",
         {"docker version", "sudo -n docker version"},
         "sudo docker"},
        {"EnginePodman",
         R"({"podman": {}, "docker": {}, "sudo": {}})"_json,
         {"--engine", "podman"},
         "podman",
         "podman",
         {"podman version"},
         "podman"},
    };
    return setups;
}

json EachEngine::config(const json& responses) const {
    json c = GetParam().programs;
    c[GetParam().key].update(responses);
    return c;
}

Args EachEngine::args(const Args& args) const {
    Args out = GetParam().global;
    out.insert(out.end(), args.begin(), args.end());
    return out;
}

std::string EachEngine::engine(const std::string& rest) const {
    return GetParam().prefix + " " + rest;
}

Lines EachEngine::probed(const Lines& commands) const {
    Lines out = GetParam().probe;
    for (const auto& c : commands)
        out.push_back(engine(c));
    return out;
}

bool probe_cache_off() {
    const char* cache = std::getenv("QEMU_DOCKER_PROBE_CACHE");
    return cache && std::string_view(cache) == "0";
}

Lines EachEngine::probed_again(const Lines& commands) const {
    if (probe_cache_off())
        return probed(commands);
    Lines out;
    for (const auto& c : commands)
        out.push_back(engine(c));
    return out;
}

Lines EachEngine::probed_again_as_user(const Lines& commands) const {
    if (!probe_cache_off())
        return probed_again(commands);
    Lines asked{rootless_question()};
    asked.insert(asked.end(), commands.begin(), commands.end());
    return probed(asked);
}

std::string EachEngine::user() const {
    // The stand-in does not say whether it is rootless, and the sandbox's
    // environment has no CONTAINER_HOST: podman is taken to be rootless
    // unless we are root (D5).
    std::string uid = std::to_string(::getuid());
    bool keep_id = GetParam().prefix == "podman" && ::geteuid() != 0;
    return (keep_id ? "--userns=keep-id -u " : "-u ") + uid;
}

std::string EachEngine::rootless_question() const {
    return GetParam().prefix == "podman"
               ? "info --format '{{.Host.Security.Rootless}} {{.Host.Hostname}}'"
               : "info --format '{{json .SecurityOptions}} {{.Name}}'";
}

std::string EachEngine::rm(const std::string& id) const {
    return GetParam().prefix == "podman" ? podman_rm(id) : "rm -f " + id;
}

std::map<std::string, std::string> EachEngine::buildkit_env() const {
    if (buildkit() && GetParam().prefix == "docker")
        return {{"DOCKER_BUILDKIT", "1"}};
    return {};
}

std::string EachEngine::build(const std::string& tag, const std::string& args) const {
    return "build -t " + tag + " -f <context>/<dockerfile>" +
           (buildkit() ? " --build-arg BUILDKIT_INLINE_CACHE=1" : "") +
           (args.empty() ? "" : " " + args) + " <context>";
}

} // namespace conformance
