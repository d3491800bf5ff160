// cc: the compiler run in an image as the current user, the current
// directory mounted read-write and each source path read-only.
#include "fixture.h"

#include <algorithm>
#include <filesystem>
#include <unistd.h>

namespace conformance {
namespace {

class Cc : public EachEngine {
  protected:
    // What cc runs, in the sandbox's work directory.
    std::string cc_run(const std::string& rest) const {
        return run_line(user() + " -w <tmp>/work -v <tmp>/work:<tmp>/work:rw " + rest);
    }
};
QD_EACH_ENGINE(Cc);

TEST_P(Cc, QemuTcgCommandLine) {
    auto r = run(config(R"({"run": {"stdout": "compiled\n"}})"_json),
                 args({"cc", "--cc", "aarch64-linux-gnu-gcc", "-i", "qemu/debian-arm64-cross", "-s",
                       "/src/qemu", "--", "-O2", "-o", "hello", "hello.c"}));
    EXPECT_EQ(r.lines(), probed({rootless_question(),
                                 cc_run("-v /src/qemu:/src/qemu:ro,z qemu/debian-arm64-cross "
                                        "aarch64-linux-gnu-gcc -O2 -o hello hello.c")}));
    EXPECT_EQ(r.out, "compiled\n");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Cc, DefaultCompilerAndNoSourcePaths) {
    auto r = run(config(), args({"cc", "--image", "img", "-c", "x.c"}));
    EXPECT_EQ(r.lines(), probed({rootless_question(), cc_run("img cc -c x.c")}));
}

TEST_P(Cc, SeveralSourcePathsAndOptionForms) {
    auto r = run(config(), args({"cc", "-iimg", "-s", "/a", "/b c", "--cc=clang", "--", "x.c"}));
    EXPECT_EQ(r.lines(), probed({rootless_question(),
                                 cc_run("-v /a:/a:ro,z -v '/b c:/b c:ro,z' img clang x.c")}));
}

TEST_P(Cc, SourcePathListStopsAtTheNextOption) {
    auto r = run(config(), args({"cc", "--image=img", "-s", "/a", "-o", "x", "x.c"}));
    EXPECT_EQ(r.lines(), probed({rootless_question(), cc_run("-v /a:/a:ro,z img cc -o x x.c")}));
}

TEST_P(Cc, OnlyTheLeadingDoubleDashIsDropped) {
    auto r = run(config(), args({"cc", "-i", "img", "--", "--", "-c"}));
    EXPECT_EQ(r.lines(), probed({rootless_question(), cc_run("img cc -- -c")}));
}

TEST_P(Cc, RunsInTheCurrentDirectory) {
    std::filesystem::create_directories(sandbox(config()).work() / "sub dir");
    auto r = run(config(), args({"cc", "-i", "img", "x.c"}),
                 RunOptions::in(sandbox().work() / "sub dir"));
    EXPECT_EQ(r.lines(), probed({rootless_question(),
                                 run_line(user() + " -w '<tmp>/work/sub dir' -v "
                                                   "'<tmp>/work/sub dir:<tmp>/work/sub dir:rw' "
                                                   "img cc x.c")}));
}

TEST_P(Cc, QuietHidesTheCompilerStdout) {
    auto r = run(config(R"({"run": {"stdout": "noise\n", "stderr": "x.c:1: error\n"}})"_json),
                 args({"cc", "--quiet", "-i", "img", "x.c"}));
    EXPECT_EQ(r.lines(), probed({rootless_question(), cc_run("img cc x.c")}));
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "x.c:1: error\n");
}

TEST_P(Cc, FailureExitsWithTheCompilerStatus) {
    // D2: the engine's own status (docker.py exits 1).
    auto r = run(config(R"({"run": {"exit": 1, "stderr": "x.c:1: error\n"}})"_json),
                 args({"cc", "-i", "img", "x.c"}));
    EXPECT_EQ(r.lines(), probed({rootless_question(), cc_run("img cc x.c"),
                                 "ps -q --filter=label=com.qemu.instance.uuid=<uuid>"}));
    EXPECT_EQ(r.out, "filter=--filter=label=com.qemu.instance.uuid=<uuid>\n");
    EXPECT_EQ(r.err, "x.c:1: error\n");
    EXPECT_EQ(r.status, 1);
}

} // namespace
} // namespace conformance

namespace conformance {
namespace {

// Warm compiles (src/warm/warm_cc.cpp), on unless QEMU_DOCKER_REUSE=0:
// the engine calls of a warm compile by `ENGINE exec` (QEMU_DOCKER_AGENT=0;
// CcAgent below: through the compile agent).  The stand-in's exec plays the
// container's side of the compile marker (tests/fake_engine/README.md).
// The real engines run them in tests/e2e/11-cc-reuse.sh and
// tests/e2e/17-warm-plain.sh.
namespace fs = std::filesystem;

class CcReuse : public Cc {
  protected:
    static RunOptions reuse(const std::string& seconds = "60") {
        RunOptions o = RunOptions::with_env("QEMU_DOCKER_REUSE", seconds);
        o.env["QEMU_DOCKER_AGENT"] = "0";
        return o;
    }
    bool local_podman() const { return GetParam().prefix == "podman"; }
    // The engine's arguments of each call after the probe's and the rootless
    // question's (asked unless the probe record has the answer) and, with
    // podman, after the question for its image store that each slow path asks.
    Lines calls(const Outcome& r, bool asks_rootless = true) const {
        Lines out;
        size_t first = 0; // the probe's, unless the probe cache answered
        while (first < r.calls.size() && r.calls[first].command() == "version")
            ++first;
        EXPECT_GT(r.calls.size(), first);
        if (asks_rootless) { // for the user mapping
            if (r.calls.size() > first) {
                EXPECT_EQ(r.calls[first].line(), engine(rootless_question()));
            }
            ++first;
        }
        if (local_podman()) {
            EXPECT_GT(r.calls.size(), first);
            if (r.calls.size() > first) {
                EXPECT_EQ(r.calls[first].command(), "info");
            }
            ++first;
        }
        for (size_t i = first; i < r.calls.size(); ++i) {
            Args argv = r.calls[i].engine_argv();
            std::string joined;
            for (const auto& a : argv)
                joined += (joined.empty() ? "" : "|") + a;
            out.push_back(joined);
        }
        return out;
    }
    // The warm container's name, as the first inspect gave it.
    static std::string name(const Outcome& r) {
        for (const auto& call : r.calls)
            if (call.command() == "inspect")
                return call.engine_argv().back();
        return "";
    }
    static std::string inspect(const std::string& name) {
        return "inspect|--format|{{.Id}}{{with .Config.Labels}} {{index . \"com.qemu.cc-image\"}}"
               "{{end}}|img|" +
               name;
    }
    static std::string wrapper(const std::string& uuid) {
        std::string m = "/run/qemu-docker-cc/" + uuid;
        return "mkdir /tmp/.qemu-docker-cc-open/$$ 2>/dev/null || exit 125\n"
               "echo $$ 2>/dev/null > " +
               m + " || exit 125\n[ -e " + m +
               ".cancel ] && exit 125\n"
               "case $0 in\n"
               "  */*) [ -f \"$0\" ] && [ -x \"$0\" ] ;;\n"
               "  *) command -v \"$0\" >/dev/null 2>&1 ;;\n"
               "esac || { echo missing 2>/dev/null > " +
               m + "; exit 127; }\nexec \"$0\" \"$@\"\n";
    }
    static std::string exec(const std::string& name, const std::string& uuid) {
        return "exec|" + name + "|sh|-c|" + wrapper(uuid) + "|cc|-c|x.c";
    }
    std::string plain_run(const std::string& uuid) const {
        std::string user_args = user().empty() ? "" : user() + " ";
        std::string line = "run --rm --label com.qemu.instance.uuid=" + uuid + " " + user_args +
                           "-w <tmp>/work -v <tmp>/work:<tmp>/work:rw img cc -c x.c";
        std::replace(line.begin(), line.end(), ' ', '|');
        return line;
    }
};
QD_EACH_ENGINE(CcReuse);

TEST_P(CcReuse, WarmContainerIsOneInspectAndOneExec) {
    json c = config({{"inspect", {{"stdout", "sha256:aaa\nc1 sha256:aaa\n"}}},
                     {"exec", {{"stdout", "compiled\n"}, {"stderr", "warning\n"}, {"exit", 3}}}});
    auto r = run(c, args({"cc", "-i", "img", "--", "-c", "x.c"}), reuse());
    std::string n = name(r);
    EXPECT_TRUE(n.starts_with("qemu-docker-cc-")) << n;
    EXPECT_EQ(n.size(), 31u) << n;
    EXPECT_EQ(calls(r), (Lines{inspect(n), exec(n, "<uuid>")}));
    // The line a failed plain run prints when it removes its container.
    EXPECT_EQ(r.out, "compiled\nfilter=--filter=label=com.qemu.instance.uuid=<uuid>\n");
    EXPECT_EQ(r.err, "warning\n");
    EXPECT_EQ(r.status, 3);
}

TEST_P(CcReuse, NoContainerYetStartsOneUnderTheLock) {
    json c = config({{"inspect", {{"stdout", "sha256:aaa\n"}, {"exit", 1}}}});
    auto r = run(c, args({"cc", "-i", "img", "--", "-c", "x.c"}), reuse("300"));
    std::string n = name(r);
    Lines got = calls(r);
    ASSERT_EQ(got.size(), 4u) << testing::PrintToString(got);
    EXPECT_EQ(got[0], inspect(n));
    EXPECT_EQ(got[1], inspect(n)); // again, holding the lock
    std::string user_args = user().empty() ? "" : user() + " ";
    std::string start = "run --rm --label com.qemu.instance.uuid=<uuid> " + user_args +
                        "-d --name " + n + " --label com.qemu.cc-reuse=" + n.substr(15) +
                        " --label com.qemu.cc-image=sha256:aaa -w <tmp>/work -v "
                        "<tmp>/work:<tmp>/work:rw -v <tmp>/.cache/qemu-docker/cc-" +
                        n.substr(15) + ":/run/qemu-docker-cc:rw sha256:aaa sh -c ";
    std::replace(start.begin(), start.end(), ' ', '|');
    EXPECT_TRUE(got[2].starts_with(start)) << got[2] << "\n" << start;
    EXPECT_NE(got[2].find("if [ \"$n\" -ge 300 ]"), std::string::npos) << got[2];
    EXPECT_EQ(got[3], exec(n, "<uuid2>"));
    EXPECT_EQ(r.status, 0);
}

TEST_P(CcReuse, UnknownImageRunsAsWithoutReuse) {
    json c = config({{"inspect", {{"stdout", ""}, {"exit", 1}}}});
    auto r = run(c, args({"cc", "-i", "img", "--", "-c", "x.c"}), reuse());
    EXPECT_EQ(calls(r), (Lines{inspect(name(r)), plain_run("<uuid>")})); // asked once
}

TEST_P(CcReuse, ImageThatCannotKeepAContainerWarmRunsAsWithoutReuse) {
    json c = config({{"inspect", {{"stdout", "sha256:aaa\n"}, {"exit", 1}}},
                     {"run", {{"by_arg", {{"-d", {{"exit", 127}, {"stderr", "no sh\n"}}}}}}}});
    auto r = run(c, args({"cc", "-i", "img", "--", "-c", "x.c"}), reuse());
    Lines got = calls(r);
    ASSERT_EQ(got.size(), 4u) << testing::PrintToString(got);
    EXPECT_EQ(got[3], plain_run("<uuid2>"));
    EXPECT_EQ(r.err, ""); // QEMU_DOCKER_TRACE=1 tells
    EXPECT_EQ(r.status, 0);
}

// Local podman: once the container runs the tag's image, the next compile is
// one exec while podman's images.json and the container's process are the
// same; a changed image store makes it look again.  Every other set-up
// (docker's store is not the user's to read) asks with one inspect before
// each compile.
TEST_P(CcReuse, PodmanSkipsTheInspectWhileItsImageStoreIsUnchanged) {
    Args cc = args({"cc", "-i", "img", "--", "-c", "x.c"});
    if (!local_podman()) {
        json c = config({{"inspect", {{"stdout", "sha256:aaa\nc1 sha256:aaa\n"}}}});
        auto first = run(c, cc, reuse());
        std::string n = name(first);
        EXPECT_EQ(calls(first), (Lines{inspect(n), exec(n, "<uuid>")}));
        auto second = run(cc, reuse());
        EXPECT_EQ(calls(second, probe_cache_off()), (Lines{inspect(n), exec(n, "<uuid>")}));
        return;
    }
    sandbox(config());
    fs::path store = sandbox().write("storage/overlay-images/images.json", "[]");
    json c = config(
        {{"info", {{"stdout", store.string() + "\n"}}},
         {"inspect",
          {{"stdout", "sha256:aaa\nc1 sha256:aaa\n"},
           {"by_arg", {{"{{.State.Pid}}", {{"stdout", std::to_string(::getpid()) + "\n"}}}}}}}});
    sandbox().write("config.json", c.dump());
    auto first = run(cc, reuse());
    std::string n = name(first);
    Lines slow = {inspect(n), "inspect|--format|{{.State.Pid}}|" + n, exec(n, "<uuid>")};
    EXPECT_EQ(calls(first), slow);
    auto second = run(cc, reuse());
    Lines asked; // all but the probe's and the rootless question, if the cache is off
    for (const auto& call : second.calls)
        if (call.command() != "version" && call.command() != "info") {
            std::string joined;
            for (const auto& a : call.engine_argv())
                joined += (joined.empty() ? "" : "|") + a;
            asked.push_back(joined);
        }
    EXPECT_EQ(asked, (Lines{exec(n, "<uuid>")}));
    sandbox().write("storage/overlay-images/images.json", "[{}]"); // an image pulled or built
    auto third = run(cc, reuse());
    EXPECT_EQ(calls(third, probe_cache_off()), slow);
}

TEST_P(CcReuse, OffWhenZero) {
    auto r = run(config(), args({"cc", "-i", "img", "--", "-c", "x.c"}), reuse("0"));
    EXPECT_EQ(r.lines(), probed({rootless_question(), cc_run("img cc -c x.c")}));
}

TEST_P(CcReuse, OnByDefaultForAMinute) {
    bool first = true;
    RunOptions unset = RunOptions::without_env("QEMU_DOCKER_REUSE");
    unset.env["QEMU_DOCKER_AGENT"] = "0";
    for (auto options : {unset, reuse("")}) {
        json c = config({{"inspect", {{"stdout", "sha256:aaa\n"}, {"exit", 1}}}});
        auto r = run(c, args({"cc", "-i", "img", "--", "-c", "x.c"}), options);
        Lines got = calls(r, first || probe_cache_off());
        first = false;
        ASSERT_EQ(got.size(), 4u) << testing::PrintToString(got);
        EXPECT_NE(got[2].find("if [ \"$n\" -ge 60 ]"), std::string::npos) << got[2];
        EXPECT_EQ(got[3], exec(name(r), "<uuid2>"));
    }
}

// The exec failed before the wrapper wrote the marker (the engine's own
// error): the compiler never started, so it runs once, plainly; the
// engine's words are not the compile's; the container is taken out of use
// by what its state allows.
TEST_P(CcReuse, CompileThatDidNotStartRunsPlainlyOnce) {
    bool first = true;
    for (std::string state : {"paused", "running", "exited", ""}) {
        json c =
            config({{"inspect",
                     {{"stdout", "sha256:aaa\nc1 sha256:aaa\n"},
                      {"by_arg", {{"{{.State.Status}}", {{"stdout", state + "\n"}}}}}}},
                    {"exec",
                     {{"started", false},
                      {"exit", 1},
                      {"stderr", "Error response from daemon: Container c1 is paused, unpause the "
                                 "container before exec\n"}}},
                    {"run", {{"stdout", "compiled plainly\n"}}}});
        sandbox(c).write("config.json", c.dump());
        auto r = run(args({"cc", "-i", "img", "--", "-c", "x.c"}), reuse());
        std::string n = name(r);
        Lines want = {inspect(n), exec(n, "<uuid>"), "inspect|--format|{{.State.Status}}|" + n};
        if (state == "paused" || state == "running")
            want.push_back("rename|" + n + "|" + n + "-<id>");
        else if (!state.empty())
            want.push_back("rm|-f|" + n);
        want.push_back(plain_run("<uuid2>"));
        Lines got = calls(r, first || probe_cache_off());
        first = false;
        if (got.size() == want.size() && want[3].starts_with("rename"))
            got[3] = got[3].substr(0, got[3].rfind('-') + 1) + "<id>";
        if (local_podman()) // its shortcut's question before the slow path
            got.erase(std::remove_if(got.begin(), got.end(),
                                     [](const std::string& l) {
                                         return l.find("{{.State.Pid}}") != std::string::npos;
                                     }),
                      got.end());
        EXPECT_EQ(got, want) << state;
        EXPECT_EQ(r.out, "compiled plainly\n") << state;
        EXPECT_EQ(r.err, "") << state;
        EXPECT_EQ(r.status, 0) << state;
    }
}

// The marker says the compiler started: its status stands, whatever it
// is, also the engine's own 125 or 126 and 127; it never runs again.
TEST_P(CcReuse, CompileThatStartedIsNeverRunAgain) {
    bool first = true;
    for (int status : {125, 126, 127, 137}) {
        json c = config({{"inspect", {{"stdout", "sha256:aaa\nc1 sha256:aaa\n"}}},
                         {"exec", {{"exit", status}, {"stderr", "failed\n"}}}});
        sandbox(c).write("config.json", c.dump());
        auto r = run(args({"cc", "-i", "img", "--", "-c", "x.c"}), reuse());
        Lines got = calls(r, first || probe_cache_off());
        first = false;
        ASSERT_FALSE(got.empty());
        EXPECT_TRUE(got.back().starts_with("exec|")) << testing::PrintToString(got);
        EXPECT_EQ(r.err, "failed\n");
        EXPECT_EQ(r.status, status);
    }
}

// No such compiler in the image: the plain run says so in the engine's
// words (and with its status); the container stays in use.
TEST_P(CcReuse, MissingCompilerIsReportedByThePlainRun) {
    json c =
        config({{"inspect", {{"stdout", "sha256:aaa\nc1 sha256:aaa\n"}}},
                {"exec", {{"compiler", "missing"}, {"exit", 127}}},
                {"run", {{"exit", 127}, {"stderr", "Error: executable file `cc` not found\n"}}}});
    auto r = run(c, args({"cc", "-i", "img", "--", "-c", "x.c"}), reuse());
    std::string n = name(r);
    Lines got = calls(r);
    ASSERT_GE(got.size(), 3u) << testing::PrintToString(got);
    EXPECT_EQ(got[got.size() - 3], exec(n, "<uuid>"));
    EXPECT_EQ(got[got.size() - 2], plain_run("<uuid2>"));
    EXPECT_EQ(got.back(), "ps|-q|--filter=label=com.qemu.instance.uuid=<uuid2>");
    EXPECT_EQ(r.err, "Error: executable file `cc` not found\n");
    EXPECT_EQ(r.status, 127);
}

// Why no container could be kept warm, in the engine's own words.
TEST_P(CcReuse, TraceSaysWhyNoContainerStarted) {
    for (auto [said, traced] : std::vector<std::pair<std::string, std::string>>{
             {"Error: netavark: No such file or directory\n",
              "the engine could not start a warm container for img (exit 127): Error: netavark: "
              "No such file or directory; one run per compile"},
             {"Error: runc: exec: \"sh\": executable file not found in $PATH\n",
              "img has no sh to keep a container warm; one run per compile"}}) {
        json c = config({{"inspect", {{"stdout", "sha256:aaa\n"}, {"exit", 1}}},
                         {"run", {{"by_arg", {{"-d", {{"exit", 127}, {"stderr", said}}}}}}}});
        sandbox(c).write("config.json", c.dump());
        RunOptions options = reuse();
        options.env["QEMU_DOCKER_TRACE"] = "1";
        auto r = run(args({"cc", "-i", "img", "--", "-c", "x.c"}), options);
        auto lines = r.err_lines();
        EXPECT_NE(std::find(lines.begin(), lines.end(), "qemu-docker: trace: " + traced),
                  lines.end())
            << r.err;
        EXPECT_EQ(r.status, 0);
    }
}

// The engine by what the probe cache keys it by (here DOCKER_CERT_PATH, one
// of the inputs that choose its endpoint): another value, another container;
// with the cache on and off (conformance-nocache) alike.
TEST_P(CcReuse, EngineIdentityIsPartOfTheKey) {
    json c = config({{"inspect", {{"stdout", "sha256:aaa\nc1 sha256:aaa\n"}}}});
    sandbox(c);
    auto with = [&](const std::string& value) {
        RunOptions options = reuse();
        options.env["DOCKER_CERT_PATH"] = value;
        return name(run(args({"cc", "-i", "img", "--", "-c", "x.c"}), options));
    };
    std::string a = with("/certs/a");
    EXPECT_EQ(with("/certs/a"), a);
    EXPECT_NE(with("/certs/b"), a);
}

// The working directory removed and made again is another directory:
// another container, whose bind mount names the new one.
TEST_P(CcReuse, DirectoryMadeAgainIsAnotherKey) {
    json c = config({{"inspect", {{"stdout", "sha256:aaa\nc1 sha256:aaa\n"}}}});
    fs::path build = sandbox(c).work() / "build";
    fs::create_directories(build);
    RunOptions in_build = reuse();
    in_build.cwd = build;
    auto first = run(args({"cc", "-i", "img", "--", "-c", "x.c"}), in_build);
    auto again = run(args({"cc", "-i", "img", "--", "-c", "x.c"}), in_build);
    fs::remove_all(build);
    fs::create_directories(build);
    auto made_again = run(args({"cc", "-i", "img", "--", "-c", "x.c"}), in_build);
    EXPECT_EQ(name(first), name(again));
    EXPECT_NE(name(first), name(made_again));
}

TEST_P(CcReuse, BadValueIsOneErrorLine) {
    auto r = run(config(), args({"cc", "-i", "img", "--", "-c", "x.c"}), reuse("5m"));
    EXPECT_EQ(r.lines(), Lines{});
    EXPECT_EQ(r.err, "qemu-docker: error: QEMU_DOCKER_REUSE=\"5m\": not a number of seconds from 0 "
                     "to 86400\n");
    EXPECT_EQ(r.status, 1);
}

// Through the compile agent, the default: the warm container's first
// process, which the stand-in plays on the host (tests/fake_engine/README.md)
// answering from the config's `exec` entry; the real agent runs in
// tests/unit/agent and the e2e scenarios.
class CcAgent : public CcReuse {
  protected:
    static RunOptions warm(const std::string& seconds = "60") {
        return RunOptions::with_env("QEMU_DOCKER_REUSE", seconds);
    }
    // The container started with the agent as its entry point.
    std::string start_line(const std::string& n, const std::string& seconds) const {
        std::string agent =
            (fs::path(QEMU_DOCKER_BINARY).parent_path() / "qemu-docker-cc-agent").string();
        std::string user_args = user().empty() ? "" : user() + " ";
        std::string line = "run --rm --label com.qemu.instance.uuid=<uuid> " + user_args +
                           "-d --name " + n + " --label com.qemu.cc-reuse=" + n.substr(15) +
                           " --label com.qemu.cc-image=sha256:aaa -w <tmp>/work -v "
                           "<tmp>/work:<tmp>/work:rw -v <tmp>/.cache/qemu-docker/cc-" +
                           n.substr(15) + ":/run/qemu-docker-cc:rw -v " + agent +
                           ":/run/qemu-docker-cc-agent:ro --entrypoint /run/qemu-docker-cc-agent "
                           "sha256:aaa --socket /run/qemu-docker-cc/agent.sock --idle " +
                           seconds + " --image sha256:aaa";
        std::replace(line.begin(), line.end(), ' ', '|');
        return line;
    }
    static json not_yet() { return {{"stdout", "sha256:aaa\n"}, {"exit", 1}}; }
};
QD_EACH_ENGINE(CcAgent);

TEST_P(CcAgent, StartsTheAgentThenCompilesThroughIt) {
    json c = config({{"inspect", not_yet()},
                     {"exec", {{"stdout", "compiled\n"}, {"stderr", "warning\n"}, {"exit", 3}}}});
    auto r = run(c, args({"cc", "-i", "img", "--", "-c", "x.c"}), warm("300"));
    std::string n = name(r);
    EXPECT_EQ(calls(r), (Lines{inspect(n), inspect(n), start_line(n, "300"), "cc|-c|x.c"}));
    ASSERT_FALSE(r.calls.empty());
    EXPECT_EQ(r.calls.back().prog, "agent");
    EXPECT_EQ(r.calls.back().record.value("cwd", ""), sandbox().work().string());
    // What make sees is a plain run's: stdout with the filter= line of a
    // failed run, stderr, the status.
    EXPECT_EQ(r.out, "compiled\nfilter=--filter=label=com.qemu.instance.uuid=<uuid2>\n");
    EXPECT_EQ(r.err, "warning\n");
    EXPECT_EQ(r.status, 3);
}

TEST_P(CcAgent, NextCompileIsTheAgentAlone) {
    json c = config({{"inspect", not_yet()}});
    auto first = run(c, args({"cc", "-i", "img", "--", "-c", "x.c"}), warm());
    std::string n = name(first);
    c = config({{"inspect", {{"stdout", "sha256:aaa\nc1 sha256:aaa\n"}}}});
    sandbox().write("config.json", c.dump());
    auto second = run(args({"cc", "-i", "img", "--", "-c", "y.c"}), warm());
    Lines got = calls(second, probe_cache_off());
    EXPECT_EQ(std::count_if(got.begin(), got.end(),
                            [](const std::string& l) { return l.starts_with("run|"); }),
              0)
        << testing::PrintToString(got);
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(got.back(), "cc|-c|y.c");
    EXPECT_EQ(second.status, 0);
}

TEST_P(CcAgent, MissingCompilerIsReportedByThePlainRun) {
    json c = config({{"inspect", not_yet()},
                     {"exec", {{"compiler", "missing"}}},
                     {"run",
                      {{"exit", 127},
                       {"stderr", "Error: executable file `cc` not found\n"},
                       {"by_arg", {{"-d", {{"exit", 0}}}}}}}});
    auto r = run(c, args({"cc", "-i", "img", "--", "-c", "x.c"}), warm());
    std::string n = name(r);
    Lines got = calls(r);
    ASSERT_EQ(got.size(), 6u) << testing::PrintToString(got);
    EXPECT_EQ(got[3], "cc|-c|x.c");
    EXPECT_EQ(got[4], plain_run("<uuid2>")); // and the container stays in use
    EXPECT_EQ(r.err, "Error: executable file `cc` not found\n");
    EXPECT_EQ(r.status, 127);
}

// The agent took the compile but never said it started (gone, stuck): the
// compile runs once, plainly, and the container is taken out of use.
TEST_P(CcAgent, CompileTheAgentDidNotStartRunsPlainlyOnce) {
    json c =
        config({{"inspect",
                 {{"stdout", "sha256:aaa\n"},
                  {"exit", 1},
                  {"by_arg", {{"{{.State.Status}}", {{"stdout", "running\n"}, {"exit", 0}}}}}}},
                {"exec", {{"started", false}}},
                {"run", {{"stdout", "compiled plainly\n"}}}});
    auto r = run(c, args({"cc", "-i", "img", "--", "-c", "x.c"}), warm());
    std::string n = name(r);
    Lines got = calls(r);
    ASSERT_EQ(got.size(), 7u) << testing::PrintToString(got);
    EXPECT_EQ(got[3], "cc|-c|x.c");
    EXPECT_EQ(got[4], "inspect|--format|{{.State.Status}}|" + n);
    EXPECT_TRUE(got[5].starts_with("rename|" + n + "|" + n + "-")) << got[5];
    EXPECT_EQ(got[6], plain_run("<uuid2>"));
    EXPECT_EQ(r.out, "compiled plainly\n");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
}

// An engine or policy that will not start the agent's container (its mount
// or its execution refused): the compile goes through ENGINE exec in a
// container of its own key, and so do the next compiles of that key, with
// no attempt at the agent's; `clean` forgets that.
TEST_P(CcAgent, AgentRefusedFallsBackToExec) {
    json c = config({{"inspect", not_yet()},
                     {"agent_run",
                      {{"exit", 126},
                       {"stderr", "Error: runc: exec: \"/run/qemu-docker-cc-agent\": "
                                  "permission denied\n"}}},
                     {"exec", {{"stdout", "compiled\n"}}}});
    RunOptions options = warm();
    options.env["QEMU_DOCKER_TRACE"] = "1";
    auto r = run(c, args({"cc", "-i", "img", "--", "-c", "x.c"}), options);
    std::string n = name(r);
    Lines got = calls(r);
    if (local_podman()) // the exec key's look asks for podman's image store again
        std::erase_if(got, [](const std::string& l) { return l.starts_with("info|"); });
    ASSERT_EQ(got.size(), 7u) << testing::PrintToString(got);
    EXPECT_EQ(got[2], start_line(n, "60"));
    std::string n2 = got[3].substr(got[3].rfind('|') + 1); // the exec key's container
    EXPECT_NE(n2, n);
    EXPECT_EQ(got[3], inspect(n2));
    EXPECT_EQ(got[4], inspect(n2));
    EXPECT_TRUE(got[5].starts_with("run|--rm|")) << got[5];
    EXPECT_NE(got[5].find("|" + n2 + "|"), std::string::npos) << got[5];
    EXPECT_NE(got[5].find("|sh|-c|"), std::string::npos) << got[5];
    EXPECT_EQ(got[6], exec(n2, "<uuid3>"));
    EXPECT_EQ(r.out, "compiled\n");
    EXPECT_EQ(r.status, 0);
    auto lines = r.err_lines();
    std::string engine_name = GetParam().prefix;
    EXPECT_NE(std::find(lines.begin(), lines.end(),
                        "qemu-docker: trace: the compile goes through " + engine_name +
                            " exec instead of the compile agent"),
              lines.end())
        << r.err;
    EXPECT_NE(std::find(lines.begin(), lines.end(),
                        "qemu-docker: trace: compiles for img go through " + engine_name +
                            " exec instead of the compile agent for the next 10 minutes"),
              lines.end())
        << r.err;
    EXPECT_TRUE(
        fs::exists(sandbox().root() / ".cache/qemu-docker" / ("cc-" + n.substr(15) + ".no-agent")));

    auto again = run(args({"cc", "-i", "img", "--", "-c", "x.c"}), options);
    got = calls(again, probe_cache_off());
    ASSERT_EQ(got.size(), 4u) << testing::PrintToString(got);
    EXPECT_EQ(got[0], inspect(n2));
    EXPECT_EQ(got[3], exec(n2, "<uuid2>"));
    EXPECT_NE(again.err.find("the engine did not start the compile agent's container for img "
                             "lately; the compile goes through " +
                             engine_name + " exec"),
              std::string::npos)
        << again.err;

    EXPECT_EQ(run(args({"clean"}), options).status, 0);
    EXPECT_FALSE(
        fs::exists(sandbox().root() / ".cache/qemu-docker" / ("cc-" + n.substr(15) + ".no-agent")));
}

// A container that will not start with the agent nor without it (a mount
// the engine refuses, as docker's "Duplicate mount point"): the plain run
// reports it, and nothing is noted against the agent, so the next compile
// tries the agent's container again.
TEST_P(CcAgent, NoContainerStartsNoteNothing) {
    json refused = {{"exit", 125},
                    {"stderr", "Error response from daemon: Duplicate mount point\n"}};
    json c = config({{"inspect", not_yet()}, {"agent_run", refused}, {"run", refused}});
    RunOptions options = warm();
    options.env["QEMU_DOCKER_TRACE"] = "1";
    auto r = run(c, args({"cc", "-i", "img", "--", "-c", "x.c"}), options);
    std::string n = name(r);
    EXPECT_EQ(r.status, 125);
    EXPECT_FALSE(
        fs::exists(sandbox().root() / ".cache/qemu-docker" / ("cc-" + n.substr(15) + ".no-agent")));
    EXPECT_EQ(r.err.find("for the next 10 minutes"), std::string::npos) << r.err;
    Lines got = calls(r);
    EXPECT_EQ(got[2], start_line(n, "60"));
    ASSERT_GE(got.size(), 2u);
    EXPECT_EQ(got[got.size() - 2], plain_run("<uuid3>")) << testing::PrintToString(got);

    auto again = run(args({"cc", "-i", "img", "--", "-c", "x.c"}), options);
    EXPECT_EQ(again.status, 125);
    EXPECT_EQ(again.err.find("lately"), std::string::npos) << again.err;
    got = calls(again, probe_cache_off());
    EXPECT_NE(std::find(got.begin(), got.end(), start_line(n, "60")), got.end())
        << testing::PrintToString(got);
}

// An engine on another machine (its host name, as the engine says it, is
// not ours) cannot see the agent's socket, nor exec's markers: the compiles
// are plain runs, as the trace says, and no warm container is asked for.
TEST_P(CcAgent, EngineOnAnotherMachineRunsPlainly) {
    std::string far =
        GetParam().prefix == "podman" ? "false far-away\n" : "[\"name=seccomp\"] far-away\n";
    json c = config({{"info", {{"stdout", far}}}, {"run", {{"stdout", "compiled\n"}}}});
    RunOptions options = warm();
    options.env["QEMU_DOCKER_TRACE"] = "1";
    auto r = run(c, args({"cc", "-i", "img", "--", "-c", "x.c"}), options);
    Lines got;
    for (const auto& call : r.calls)
        if (call.command() != "version" && call.command() != "info")
            got.push_back(call.line());
    ASSERT_EQ(got.size(), 1u) << testing::PrintToString(got);
    EXPECT_TRUE(got[0].starts_with(engine("run --rm --label com.qemu.instance.uuid=<uuid> ")))
        << got[0];
    EXPECT_TRUE(got[0].ends_with(" img cc -c x.c")) << got[0];
    EXPECT_EQ(got[0].find(" -d "), std::string::npos) << got[0];
    EXPECT_EQ(r.out, "compiled\n");
    EXPECT_NE(r.err.find("qemu-docker: trace: the engine runs on another machine, which cannot "
                         "see the compile agent's socket or markers: one run per compile"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.status, 0);
    EXPECT_TRUE(sandbox().wait_running(0, std::chrono::seconds(1)));
}

// clean ends the container, and so its agent.
TEST_P(CcAgent, CleanEndsIt) {
    json c = config({{"inspect", not_yet()}});
    auto r = run(c, args({"cc", "-i", "img", "--", "-c", "x.c"}), warm());
    EXPECT_EQ(r.status, 0);
    EXPECT_TRUE(sandbox().wait_running(1, std::chrono::seconds(5)));
    auto cleaned = run(args({"clean"}), warm());
    EXPECT_EQ(cleaned.status, 0);
    EXPECT_TRUE(sandbox().wait_running(0, std::chrono::seconds(5))) << "the agent still runs";
}

} // namespace
} // namespace conformance
