// cc: the compiler run in an image as the current user, the current
// directory mounted read-write and each source path read-only.
#include "fixture.h"

#include <filesystem>

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
    EXPECT_EQ(r.lines(), probed({cc_run("-v /src/qemu:/src/qemu:ro,z qemu/debian-arm64-cross "
                                        "aarch64-linux-gnu-gcc -O2 -o hello hello.c")}));
    EXPECT_EQ(r.out, "compiled\n");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Cc, DefaultCompilerAndNoSourcePaths) {
    auto r = run(config(), args({"cc", "--image", "img", "-c", "x.c"}));
    EXPECT_EQ(r.lines(), probed({cc_run("img cc -c x.c")}));
}

TEST_P(Cc, SeveralSourcePathsAndOptionForms) {
    auto r = run(config(), args({"cc", "-iimg", "-s", "/a", "/b c", "--cc=clang", "--", "x.c"}));
    EXPECT_EQ(r.lines(), probed({cc_run("-v /a:/a:ro,z -v '/b c:/b c:ro,z' img clang x.c")}));
}

TEST_P(Cc, SourcePathListStopsAtTheNextOption) {
    auto r = run(config(), args({"cc", "--image=img", "-s", "/a", "-o", "x", "x.c"}));
    EXPECT_EQ(r.lines(), probed({cc_run("-v /a:/a:ro,z img cc -o x x.c")}));
}

TEST_P(Cc, OnlyTheLeadingDoubleDashIsDropped) {
    auto r = run(config(), args({"cc", "-i", "img", "--", "--", "-c"}));
    EXPECT_EQ(r.lines(), probed({cc_run("img cc -- -c")}));
}

TEST_P(Cc, RunsInTheCurrentDirectory) {
    std::filesystem::create_directories(sandbox(config()).work() / "sub dir");
    auto r = run(config(), args({"cc", "-i", "img", "x.c"}),
                 RunOptions::in(sandbox().work() / "sub dir"));
    EXPECT_EQ(r.lines(), probed({run_line(user() + " -w '<tmp>/work/sub dir' -v "
                                                   "'<tmp>/work/sub dir:<tmp>/work/sub dir:rw' "
                                                   "img cc x.c")}));
}

TEST_P(Cc, QuietHidesTheCompilerStdout) {
    auto r = run(config(R"({"run": {"stdout": "noise\n", "stderr": "x.c:1: error\n"}})"_json),
                 args({"cc", "--quiet", "-i", "img", "x.c"}));
    EXPECT_EQ(r.lines(), probed({cc_run("img cc x.c")}));
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "x.c:1: error\n");
}

TEST_P(Cc, FailureExitsWithTheCompilerStatus) {
    // D2: the engine's own status (docker.py exits 1).
    auto r = run(config(R"({"run": {"exit": 1, "stderr": "x.c:1: error\n"}})"_json),
                 args({"cc", "-i", "img", "x.c"}));
    EXPECT_EQ(r.lines(),
              probed({cc_run("img cc x.c"), "ps -q --filter=label=com.qemu.instance.uuid=<uuid>"}));
    EXPECT_EQ(r.out, "filter=--filter=label=com.qemu.instance.uuid=<uuid>\n");
    EXPECT_EQ(r.err, "x.c:1: error\n");
    EXPECT_EQ(r.status, 1);
}

} // namespace
} // namespace conformance
