#include "reference.h"

#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace differential {

namespace fs = std::filesystem;

constexpr const char* kPython = "/usr/bin/python3";

std::string reference_path() {
    const char* env = std::getenv("REFERENCE_DOCKER_PY");
    std::string path = env && *env ? env : REFERENCE_DOCKER_PY_DEFAULT;
    return fs::exists(path) && fs::exists(kPython) ? path : "";
}

json Engine::config(const json& responses) const {
    json c = programs;
    c[key].update(responses);
    return c;
}

Args Engine::args(const Args& rest) const {
    Args out = global;
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

const std::vector<Engine>& engines() {
    static const std::vector<Engine> all = {
        {"AutoPodman", R"({"podman": {}, "docker": {}, "sudo": {}})"_json, {}, "podman", true},
        {"AutoDocker", R"({"docker": {}, "sudo": {}})"_json, {}, "docker", false},
        {"AutoSudoDocker",
         R"({"podman": {"version": {"exit": 125}}, "docker": {"version": {"exit": 1}},
             "sudo": {}})"_json,
         {},
         "sudo",
         false},
        {"EngineDocker",
         R"({"podman": {}, "docker": {}, "sudo": {}})"_json,
         {"--engine", "docker"},
         "docker",
         false},
        {"EnginePodman",
         R"({"podman": {}, "docker": {}, "sudo": {}})"_json,
         {"--engine", "podman"},
         "podman",
         true},
    };
    return all;
}

void PrintTo(const Engine& engine, std::ostream* out) {
    *out << engine.name;
}

void Differential::SetUp() {
    if (reference_path().empty())
        GTEST_SKIP() << "reference docker.py not found (set REFERENCE_DOCKER_PY; default "
                     << REFERENCE_DOCKER_PY_DEFAULT << ", run with " << kPython << ")";
}

void Differential::make_sandboxes(const json& config, const Extra& extra) {
    ref_ = std::make_unique<fake_engine::Sandbox>(config);
    qd_ = std::make_unique<fake_engine::Sandbox>(config);
    // The reference finds the dockerfiles of FROM qemu/NAME in dockerfiles/
    // beside itself: put it at the root, where the tests' dockerfiles go.
    fs::copy_file(reference_path(), ref_->root() / "docker.py");
    for (auto* sandbox : {ref_.get(), qd_.get()}) {
        for (const auto& [name, text] : extra.files)
            sandbox->write(name, text);
        if (!extra.cwd.empty())
            fs::create_directories(sandbox->work() / extra.cwd);
    }
}

Args Differential::ref_argv(const Args& args) const {
    Args argv = {kPython, (ref_->root() / "docker.py").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

Args Differential::qd_argv(const Args& args) {
    Args argv = {QEMU_DOCKER_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

fake_engine::RunOptions Differential::options(const fake_engine::Sandbox& sandbox,
                                              const Extra& extra) const {
    fake_engine::RunOptions o;
    o.env = extra.env;
    if (!extra.cwd.empty())
        o.cwd = sandbox.work() / extra.cwd;
    return o;
}

Both Differential::both(const json& config, const Args& args, const Extra& extra) {
    make_sandboxes(config, extra);
    Both b{ref_->run(ref_argv(args), options(*ref_, extra)),
           qd_->run(qd_argv(args), options(*qd_, extra))};
    fake_engine::normalise(b.ref, ref_->root());
    fake_engine::normalise(b.qd, qd_->root());
    return b;
}

void expect_same(const Both& both) {
    EXPECT_EQ(both.qd.lines(), both.ref.lines());
    EXPECT_EQ(both.qd.out, both.ref.out);
    EXPECT_EQ(both.qd.err, both.ref.err);
    EXPECT_EQ(both.qd.status, both.ref.status);
}

void allow_d5_keep_id(Both& both, bool podman, bool rootful) {
    if (!podman || !rootful)
        return;
    bool seen = false;
    for (auto& call : both.ref.calls)
        if (call.argv.size() > 4 && call.argv[0] == "run" && call.argv[4] == "--userns=keep-id") {
            call.argv.erase(call.argv.begin() + 4);
            seen = true;
        }
    EXPECT_TRUE(seen) << "D5 allowed but docker.py added no --userns=keep-id";
}

void allow_podman_rm_time_0(Both& both) {
    for (auto& call : both.ref.calls)
        if (call.prog == "podman" && call.argv.size() > 2 && call.argv[0] == "rm" &&
            call.argv[1] == "-f")
            call.argv.insert(call.argv.begin() + 2, {"--time", "0"});
}

bool has_traceback(const Outcome& outcome) {
    return outcome.err.find("Traceback (most recent call last):") != std::string::npos;
}

} // namespace differential
