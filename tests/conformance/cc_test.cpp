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

// QEMU_DOCKER_REUSE (src/engine/warm_cc.cpp): the engine calls of a warm
// compile.  The real engines run it in tests/e2e/11-cc-reuse.sh.
namespace fs = std::filesystem;

class CcReuse : public Cc {
  protected:
    static RunOptions reuse(const std::string& seconds = "60") {
        return RunOptions::with_env("QEMU_DOCKER_REUSE", seconds);
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
    static std::string exec(const std::string& name, const std::string& uuid) {
        return "exec|" + name +
               "|sh|-c|echo 2>/dev/null > /tmp/.qemu-docker-used; echo $$ 2>/dev/null > "
               "/tmp/.qemu-docker-cc-" +
               uuid + "; exec \"$0\" \"$@\"|cc|-c|x.c";
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
    EXPECT_EQ(r.out, "compiled\n");
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
                        "<tmp>/work:<tmp>/work:rw sha256:aaa sh -c ";
    std::replace(start.begin(), start.end(), ' ', '|');
    EXPECT_TRUE(got[2].starts_with(start)) << got[2] << "\n" << start;
    EXPECT_NE(got[2].find("while [ \"$n\" -lt 300 ]"), std::string::npos) << got[2];
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
    EXPECT_EQ(second.lines(),
              probed_again_as_user({"exec " + n +
                                    " sh -c 'echo 2>/dev/null > "
                                    "/tmp/.qemu-docker-used; echo $$ 2>/dev/null > "
                                    "/tmp/.qemu-docker-cc-<uuid>; exec \"$0\" \"$@\"' "
                                    "cc -c x.c"}));
    sandbox().write("storage/overlay-images/images.json", "[{}]"); // an image pulled or built
    auto third = run(cc, reuse());
    EXPECT_EQ(calls(third, probe_cache_off()), slow);
}

TEST_P(CcReuse, OffWhenZeroOrEmpty) {
    bool first = true;
    for (std::string off : {"0", ""}) {
        auto r = run(config(), args({"cc", "-i", "img", "--", "-c", "x.c"}), reuse(off));
        Lines plain = {cc_run("img cc -c x.c")};
        EXPECT_EQ(r.lines(),
                  first ? probed({rootless_question(), plain[0]}) : probed_again_as_user(plain))
            << off;
        first = false;
    }
}

TEST_P(CcReuse, BadValueIsOneErrorLine) {
    auto r = run(config(), args({"cc", "-i", "img", "--", "-c", "x.c"}), reuse("5m"));
    EXPECT_EQ(r.lines(), Lines{});
    EXPECT_EQ(r.err, "qemu-docker: error: QEMU_DOCKER_REUSE=\"5m\": not a number of seconds from 0 "
                     "to 86400\n");
    EXPECT_EQ(r.status, 1);
}

} // namespace
} // namespace conformance
