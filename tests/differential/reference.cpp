#include "reference.h"

#include "precondition.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>
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

const std::map<std::string, std::string> kDockerfiles = {
    {"plain", "# A base image\nFROM debian:bookworm\n\nRUN apt-get update\n"},
    {"base", "# A base image\r\nFROM debian:bookworm\r\n\r\n  # indented comment stays\r\n"
             "RUN apt-get update\r\n\u00a0\r\nRUN echo one\fecho two\rRUN true\n"},
    {"child", "FROM qemu/base\nRUN echo child"},
    {"user", "FROM qemu/debian-arm64-user\nRUN true\n"},
    {"debian-bootstrap", "FROM scratch\nADD . /\n"},
    {"anywhere", "# FROM qemu/commented\nFROM qemu/base\nRUN echo FROM qemu/inline\n"},
};

Case& Case::with_dockerfiles() {
    for (const auto& [name, text] : kDockerfiles)
        with_file("dockerfiles/" + name + ".docker", text);
    return *this;
}

json image(const std::string& checksum, const std::string& created) {
    return {{"Labels", {{"com.qemu.dockerfile-checksum", checksum}}}, {"Created", created}};
}

void PrintTo(const Case& c, std::ostream* out) {
    *out << c.name;
}

std::string case_engine_name(const testing::TestParamInfo<std::tuple<Case, Engine>>& info) {
    return std::get<0>(info.param).name + "_" + std::get<1>(info.param).name;
}

std::string engine_name(const testing::TestParamInfo<Engine>& info) {
    return info.param.name;
}

bool rootful_podman() {
    return ::geteuid() == 0;
}

void Differential::SetUp() {
    if (reference_path().empty())
        PRECONDITION_MISSING("reference docker.py not found (set REFERENCE_DOCKER_PY; default "
                             << REFERENCE_DOCKER_PY_DEFAULT << ", run with " << kPython << ")");
}

void Differential::make_sandboxes(const json& config, const Extra& extra) {
    ref_ = std::make_unique<fake_engine::Sandbox>(config);
    qd_ = std::make_unique<fake_engine::Sandbox>(config);
    // The reference finds the dockerfiles of FROM qemu/NAME in dockerfiles/
    // beside itself: put it at the root, where the tests' dockerfiles go.
    fs::copy_file(reference_path(), ref_->root() / "docker.py");
    for (auto* sandbox : {ref_.get(), qd_.get()}) {
        if (shared)
            sandbox->share_with_others();
        for (const auto& [name, text] : extra.files)
            sandbox->write(name, text);
        for (const auto& [name, source] : extra.copies) {
            fs::create_directories((sandbox->root() / name).parent_path());
            fs::copy_file(source, sandbox->root() / name);
        }
        for (const auto& [name, text] : extra.files)
            if (name.ends_with(".pre") || name.starts_with("exe/") || name.starts_with("bin/"))
                fs::permissions(sandbox->root() / name, fs::perms::owner_all);
        if (!extra.cwd.empty())
            fs::create_directories(sandbox->work() / extra.cwd);
    }
}

Args Differential::ref_argv(const Args& args) const {
    Args argv = wrapper;
    argv.insert(argv.end(), {kPython, (ref_->root() / "docker.py").string()});
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}

Args Differential::qd_argv(const Args& args) const {
    Args argv = wrapper;
    argv.push_back(QEMU_DOCKER_BINARY);
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
    auto args_in = [&](const fake_engine::Sandbox& sandbox) {
        Args out = args;
        for (auto& a : out)
            for (size_t at; (at = a.find("<root>")) != std::string::npos;)
                a.replace(at, 6, sandbox.root().string());
        return out;
    };
    Both b{ref_->run(ref_argv(args_in(*ref_)), options(*ref_, extra)),
           qd_->run(qd_argv(args_in(*qd_)), options(*qd_, extra))};
    fake_engine::normalise(b.ref, ref_->root());
    fake_engine::normalise(b.qd, qd_->root());
    return b;
}

Both Differential::both(const Case& c, const Engine& engine) {
    json config = engine.config(c.responses);
    config.update(c.top);
    return both(config, engine.args(c.args), c.extra);
}

void expect_same_calls(const Both& both) {
    EXPECT_EQ(both.qd.lines(), both.ref.lines());
    for (size_t i = 0; i < both.qd.calls.size() && i < both.ref.calls.size(); ++i) {
        const auto &q = both.qd.calls[i], &r = both.ref.calls[i];
        if (q.command() != "build")
            continue;
        EXPECT_EQ(q.dockerfile(), r.dockerfile()) << q.line();
        EXPECT_EQ(q.files(), r.files()) << q.line();
        EXPECT_EQ(q.env.count("DOCKER_BUILDKIT"), r.env.count("DOCKER_BUILDKIT")) << q.line();
    }
}

void expect_same(const Both& both) {
    expect_same_calls(both);
    EXPECT_EQ(both.qd.out, both.ref.out);
    EXPECT_EQ(both.qd.err, both.ref.err);
    EXPECT_EQ(both.qd.status, both.ref.status);
}

void allow_d5_keep_id(Both& both, bool podman, bool rootful) {
    auto& calls = both.qd.calls;
    auto question = std::find_if(calls.begin(), calls.end(), [](const auto& call) {
        auto argv = call.engine_argv();
        return argv.size() == 3 && argv[0] == "info" && argv[1] == "--format";
    });
    EXPECT_NE(question, calls.end()) << "D5 allowed but qemu-docker did not ask rootless or not";
    if (question != calls.end())
        calls.erase(question);
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
        if (call.prog == "podman" && call.argv.size() > 2 && call.command() == "rm" &&
            call.argv[1] == "-f")
            call.argv.insert(call.argv.begin() + 2, {"--time", "0"});
}

void allow_probe_reasons(Both& both) {
    if (both.qd.out != "no\n")
        return;
    static const std::regex reason("qemu-docker: (podman|docker|sudo -n docker) version: .+");
    auto lines = both.qd.err_lines();
    ASSERT_FALSE(lines.empty()) << "probe answered no without saying why";
    EXPECT_EQ(lines.back(), "qemu-docker: no container engine works; `qemu-docker doctor` says "
                            "why and how to mend it");
    lines.pop_back();
    for (const auto& line : lines)
        EXPECT_TRUE(std::regex_match(line, reason)) << line;
    for (const auto& call : both.qd.calls) {
        if (call.command() != "version")
            continue;
        EXPECT_NE(std::find_if(lines.begin(), lines.end(),
                               [&](const std::string& line) {
                                   return line.starts_with("qemu-docker: " + call.line() + ": ");
                               }),
                  lines.end())
            << "no reason given for " << call.line();
    }
    both.qd.err.clear();
}

void allow_d9_executable_label(Both& both) {
    static const std::regex label("LABEL com\\.qemu\\.include-executable-checksum=[0-9a-f]{40}\n");
    bool seen = false;
    for (auto& call : both.qd.calls) {
        std::string text = call.dockerfile();
        if (call.command() != "build" || !std::regex_search(text, label))
            continue;
        call.record["dockerfile"] = std::regex_replace(text, label, "");
        seen = true;
    }
    EXPECT_TRUE(seen) << "D9 allowed but qemu-docker wrote no executable label";
}

void allow_inspect_once(Both& both) {
    auto& calls = both.ref.calls;
    for (size_t i = 1; i < calls.size(); ++i)
        if (calls[i].command() == "inspect" && calls[i].line() == calls[i - 1].line()) {
            calls.erase(calls.begin() + static_cast<long>(i));
            return;
        }
    ADD_FAILURE() << "inspect-once allowed but docker.py inspected once";
}

void expect_d8_refusal(const Both& both, const std::string& error) {
    EXPECT_FALSE(both.ref.engine_lines().empty()) << both.ref.err;
    EXPECT_EQ(both.qd.lines(), Lines{});
    EXPECT_EQ(both.qd.out, "");
    EXPECT_EQ(both.qd.err, "qemu-docker: error: " + error + "\n");
    EXPECT_EQ(both.qd.status, 1);
}

bool context_left(const fake_engine::Sandbox& sandbox) {
    return !fs::is_empty(sandbox.root() / "tmp");
}

bool has_traceback(const Outcome& outcome) {
    return outcome.err.find("Traceback (most recent call last):") != std::string::npos;
}

} // namespace differential
