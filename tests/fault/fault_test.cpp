// Fault injection: each case of cases.cpp is run clean (its engine calls
// must be the table's), then once for each of its calls failing in each way
// the stand-in can fail (tests/fake_engine/README.md, Faults).  A failure
// must end qemu-docker with the documented status and one clear error line,
// leaving nothing behind (findings.h).
#include "cases.h"
#include "findings.h"
#include "precondition.h"

#include <csignal>
#include <gtest/gtest.h>

namespace fault {
namespace {

using namespace std::chrono_literals;
using fake_engine::Outcome;

// How long qemu-docker may take from its start, and from the signal.
constexpr auto kLimit = 15s;
constexpr auto kSignalLimit = 5s;

// Hang modes run under this setup only: how qemu-docker handles a signal
// does not depend on the engine, and each hang it does not end costs the
// whole kSignalLimit.
constexpr const char* kHangSetup = "AutoPodman";

// The words of the stand-in's garbage (tests/fake_engine/README.md) that an
// engine would take for options, were they passed on to it.
const std::vector<std::string> kGarbageOptions = {"--all", "-rf"};

// Well-formed JSON of the wrong shape, for the calls whose JSON is read.
constexpr const char* kWrongJson =
    "[{\"Id\": 7, \"RepoTags\": \"x\", \"Created\": 5, \"Config\": {\"Labels\": [\"x\"]}}]\n";

enum class Mode { Exit, Kill, Garbage, WrongJson, Empty, HangSigterm, HangSigint };

const char* mode_name(Mode mode) {
    switch (mode) {
    case Mode::Exit:
        return "Exit";
    case Mode::Kill:
        return "Kill";
    case Mode::Garbage:
        return "Garbage";
    case Mode::WrongJson:
        return "WrongJson";
    case Mode::Empty:
        return "Empty";
    case Mode::HangSigterm:
        return "HangSigterm";
    case Mode::HangSigint:
        return "HangSigint";
    }
    return "";
}

// The stand-in's fault for call NUMBER in MODE.
json fault_config(int number, Mode mode) {
    json fault = {{"call", number}, {"leave_container", true}};
    switch (mode) {
    case Mode::Exit:
        fault["mode"] = "exit";
        break;
    case Mode::Kill:
        fault["mode"] = "kill";
        break;
    case Mode::Garbage:
        fault["mode"] = "garbage";
        break;
    case Mode::WrongJson:
        fault["mode"] = "garbage";
        fault["stdout"] = kWrongJson;
        break;
    case Mode::Empty:
        fault["mode"] = "empty";
        break;
    default:
        fault["mode"] = "hang";
    }
    return fault;
}

int hang_signal(Mode mode) {
    return mode == Mode::HangSigterm ? SIGTERM : mode == Mode::HangSigint ? SIGINT : 0;
}

// The first word of a call after its prefix: "version", "inspect", ...
std::string command_of(const std::string& line) {
    size_t start = line.starts_with("sudo -n docker ") ? 15 : line.find(' ') + 1;
    return line.substr(start, line.find(' ', start) - start);
}

struct Injection {
    const Case* c;
    const EngineSetup* setup;
    int call; // 1, 2, ...
    Step step;
    Mode mode;

    // CASE_SETUP_CallNCOMMAND_MODE, e.g. Build_AutoPodman_Call2Inspect_Kill.
    std::string name() const {
        std::string command = command_of(step.line);
        command[0] = static_cast<char>(std::toupper(command[0]));
        return c->name + "_" + setup->name + "_Call" + std::to_string(call) + command + "_" +
               mode_name(mode);
    }
};

void PrintTo(const Injection& i, std::ostream* out) {
    *out << i.name();
}

// The modes call STEP is failed in under SETUP.
std::vector<Mode> modes(const Step& step, const EngineSetup& setup) {
    std::vector<Mode> out = {Mode::Exit, Mode::Kill, Mode::Garbage, Mode::Empty};
    if (command_of(step.line) == "inspect")
        out.push_back(Mode::WrongJson);
    if (setup.name == kHangSetup)
        out.insert(out.end(), {Mode::HangSigterm, Mode::HangSigint});
    return out;
}

std::vector<Injection> injections() {
    std::vector<Injection> out;
    for (const auto& c : cases())
        for (const auto* setup : setups()) {
            auto steps = calls(c, *setup);
            for (size_t i = 0; i < steps.size(); ++i)
                for (Mode mode : modes(steps[i], *setup))
                    out.push_back({&c, setup, static_cast<int>(i + 1), steps[i], mode});
        }
    return out;
}

Args command_line(const Case& c, const EngineSetup& setup, const Sandbox& sb) {
    Args argv = {conformance::qemu_docker()};
    argv.insert(argv.end(), setup.global.begin(), setup.global.end());
    for (std::string arg : c.args) {
        replace(arg, "{root}", sb.root().string());
        argv.push_back(arg);
    }
    return argv;
}

std::vector<std::string> tmp_entries(const Sandbox& sb) {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(sb.root() / "tmp"))
        out.push_back(entry.path().filename());
    return out;
}

// Waits until a hung call waits (a waiting entry with a process).
bool wait_hung(const Sandbox& sb) {
    for (auto deadline = std::chrono::steady_clock::now() + 10s;
         std::chrono::steady_clock::now() < deadline; std::this_thread::sleep_for(5ms))
        for (const auto& entry : sb.running_entries())
            if (entry.contains("pid"))
                return true;
    return false;
}

// Runs C under SETUP with the stand-in's FAULT (none: null); signals SIGNO
// to qemu-docker once the hung call waits, if SIGNO.
Observed run_case(const Case& c, const EngineSetup& setup, const json& fault, int signo = 0) {
    Sandbox sb(config(c, setup, fault));
    if (c.prepare)
        c.prepare(sb);
    auto child = sb.start(command_line(c, setup, sb));
    if (signo) {
        EXPECT_TRUE(wait_hung(sb)) << "the call to hang was never made";
        child->signal(signo);
    }
    Observed o{child->finish(signo ? kSignalLimit : kLimit), {}, {}};
    o.outcome.calls = sb.calls();
    fake_engine::normalise(o.outcome, sb.root());
    o.running = sb.running_entries();
    o.tmp_entries = tmp_entries(sb);
    return o;
}

Expected expected(const Injection& i, int call) {
    const Case& c = *i.c;
    Expected e;
    if (int signo = hang_signal(i.mode)) {
        e.status = 128 + signo;
        e.any_error = true;
        e.container_may_stay = c.keeps_container || i.step.failed.container_left;
        return e;
    }
    const Expect& x = i.mode == Mode::Garbage || i.mode == Mode::WrongJson ? i.step.garbage
                      : i.mode == Mode::Empty                              ? i.step.empty
                                                                           : i.step.failed;
    if (i.mode == Mode::Garbage)
        e.garbage_options = kGarbageOptions;
    int engine_status = i.mode == Mode::Kill ? 128 + SIGKILL : i.mode == Mode::Exit ? 125 : 0;
    e.status = x.status == kCleanStatus    ? c.status
               : x.status == kEngineStatus ? engine_status
                                           : x.status;
    if (c.probe_only && x.status == kCleanStatus)
        e.status = 0;
    e.error = x.error;
    if (x.engine_message && i.mode == Mode::Exit)
        e.engine_message = "Error: injected failure of call " + std::to_string(call);
    e.container_may_stay = c.keeps_container || x.container_left;
    return e;
}

std::string describe(const Observed& o, const std::vector<Finding>& found) {
    std::string text;
    for (const auto& f : found)
        text += "  [" + problem_names(f.problem) + "] " + f.detail + "\n";
    text += "exit status " + std::to_string(o.outcome.status) + "\ncalls:\n";
    for (const auto& call : o.outcome.calls)
        text += "  " + call.line() + (call.record.contains("fault") ? "   <- fault" : "") + "\n";
    return text + "stdout:\n" + o.outcome.out + "stderr:\n" + o.outcome.err;
}

class Injected : public testing::TestWithParam<Injection> {};

INSTANTIATE_TEST_SUITE_P(Faults, Injected, testing::ValuesIn(injections()),
                         [](const auto& info) { return info.param.name(); });

TEST_P(Injected, FailsCleanly) {
    const Injection& i = GetParam();
    Observed o = run_case(*i.c, *i.setup, fault_config(i.call, i.mode), hang_signal(i.mode));
    ASSERT_GE(o.outcome.calls.size(), static_cast<size_t>(i.call)) << describe(o, {});
    EXPECT_TRUE(o.outcome.calls[i.call - 1].record.contains("fault"));
    auto found = findings(o, expected(i, i.call));
    EXPECT_TRUE(found.empty()) << describe(o, found);
}

// ---- the clean runs: the calls the injections count ----

struct CleanCase {
    const Case* c;
    const EngineSetup* setup;
};

void PrintTo(const CleanCase& c, std::ostream* out) {
    *out << c.c->name << " under " << c.setup->name;
}

class Clean : public testing::TestWithParam<CleanCase> {};

std::vector<CleanCase> clean_cases() {
    std::vector<CleanCase> out;
    for (const auto& c : cases())
        for (const auto* setup : setups())
            out.push_back({&c, setup});
    return out;
}

INSTANTIATE_TEST_SUITE_P(Cases, Clean, testing::ValuesIn(clean_cases()), [](const auto& info) {
    return info.param.c->name + "_" + info.param.setup->name;
});

TEST_P(Clean, MakesTheTablesCalls) {
    const auto& [c, setup] = GetParam();
    Observed o = run_case(*c, *setup, nullptr);
    std::vector<std::string> lines;
    for (const auto& step : calls(*c, *setup))
        lines.push_back(step.line);
    EXPECT_EQ(o.outcome.lines(), lines);
    Expected e;
    e.status = c->status;
    auto found = findings(o, e);
    EXPECT_TRUE(found.empty()) << describe(o, found);
}

TEST(Environment, UpdateExecutableNeedsAPersistentBinfmtEntry) {
    if (!fake_engine::persistent_binfmt_entry("qemu-aarch64"))
        PRECONDITION_MISSING("no qemu-aarch64 binfmt_misc entry with the F flag: the "
                             "UpdateExecutable case is left out");
    bool found = false;
    for (const auto& c : cases())
        found = found || c.name == "UpdateExecutable";
    EXPECT_TRUE(found);
}

} // namespace
} // namespace fault
