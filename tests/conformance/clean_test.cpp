// clean: every container qemu-docker labelled, listed and removed.
#include "fixture.h"

#include <filesystem>
#include <fstream>

namespace conformance {
namespace {

class Clean : public EachEngine {};
QD_EACH_ENGINE(Clean);

constexpr const char* kFilterLine = "filter=--filter=label=com.qemu.instance.uuid\n";
constexpr const char* kPs = "ps -q -a --filter=label=com.qemu.instance.uuid";

TEST_P(Clean, RemovesEachListedContainer) {
    auto r = run(config(R"({"ps": {"stdout": "c1\nc2\n"}, "rm": {"stdout": "removed\n"}})"_json),
                 args({"clean"}));
    EXPECT_EQ(r.lines(), probed({kPs, rm("c1"), rm("c2")}));
    EXPECT_EQ(r.out, kFilterLine); // rm's output is hidden
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
}

// docs/compatibility.md D1: a word of `ps` output that is not a container id
// (`--all`, say) never reaches `rm -f`; nothing is removed.
TEST_P(Clean, PsOutputThatIsNotContainerIdsIsAnError) {
    auto r = run(config(R"({"ps": {"stdout": "c1\n--all\n-rf\n"}})"_json), args({"clean"}));
    EXPECT_EQ(r.lines(), probed({kPs}));
    EXPECT_EQ(r.out, kFilterLine);
    EXPECT_EQ(r.err, "qemu-docker: error: listing containers failed: the engine printed something "
                     "that is not a container id\n");
    EXPECT_EQ(r.status, 1);
}

TEST_P(Clean, NothingToRemove) {
    auto r = run(config(), args({"clean"}));
    EXPECT_EQ(r.lines(), probed({kPs}));
    EXPECT_EQ(r.out, kFilterLine);
    EXPECT_EQ(r.status, 0);
}

TEST_P(Clean, QuietStillPrintsTheFilter) {
    auto r = run(config(R"({"ps": {"stdout": "c1\n"}})"_json), args({"clean", "--quiet"}));
    EXPECT_EQ(r.lines(), probed({kPs, rm("c1")}));
    EXPECT_EQ(r.out, kFilterLine);
    EXPECT_EQ(r.status, 0);
}

// The warm containers gone, their per-key lock files and podman shortcuts
// in the user's private directory go too; the probe record stays.
TEST_P(Clean, ForgetsTheWarmCompilesFiles) {
    sandbox(config());
    auto dir = sandbox().root() / ".cache" / "qemu-docker";
    std::filesystem::create_directories(dir);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace);
    for (const char* name : {"cc-k1.lock", "cc-k1.json", "cc-k2.lock", "probe-p.json", "notes"})
        std::ofstream(dir / name) << "";
    auto r = run(config(), args({"clean"}));
    EXPECT_EQ(r.status, 0);
    for (const char* gone : {"cc-k1.lock", "cc-k1.json", "cc-k2.lock"})
        EXPECT_FALSE(std::filesystem::exists(dir / gone)) << gone;
    for (const char* kept : {"probe-p.json", "notes"})
        EXPECT_TRUE(std::filesystem::exists(dir / kept)) << kept;
}

TEST_P(Clean, EndsRunningContainers) {
    json c = config(R"({"run": {"wait": true}})"_json);
    auto first = start(c, args({"run", "img", "sleep"}));
    ASSERT_TRUE(sandbox().wait_running(1));
    auto second = start(c, args({"run", "img", "sleep"}));
    ASSERT_TRUE(sandbox().wait_running(2));
    auto r = run(c, args({"clean"}));
    // Each run, ended, looks for its own container meanwhile: leave those out.
    Lines own;
    for (const auto& line : r.lines())
        if (line.find("ps -q --filter=label=com.qemu.instance.uuid=") == std::string::npos)
            own.push_back(line);
    EXPECT_EQ(own, probed_again({kPs, rm("c1"), rm("c2")})); // the runs probed
    EXPECT_EQ(r.out, kFilterLine);
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(sandbox().running(), Lines{});
    // Each run then exits with the engine's status and looks for its own
    // container once more.
    for (auto* child : {first.get(), second.get()}) {
        auto ended = finish(*child);
        EXPECT_EQ(ended.status, 137);
    }
    int rms = 0;
    for (const auto& call : sandbox().calls())
        rms += call.line().starts_with(engine("rm -f "));
    EXPECT_EQ(rms, 2);
}

TEST_P(Clean, PsStderrIsNotTakenForIds) {
    // docs/compatibility.md: ps is read from stdout only (docker.py mixes
    // stderr in); the warning is shown.
    auto r = run(config(R"({"ps": {"stdout": "c1\n", "stderr": "WARN[0000] cgroup\n"}})"_json),
                 args({"clean"}));
    EXPECT_EQ(r.lines(), probed({kPs, rm("c1")}));
    EXPECT_EQ(r.out, kFilterLine);
    EXPECT_EQ(r.err, "WARN[0000] cgroup\n");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Clean, ListingFailureIsAnError) {
    // D1: one line, exit 1 (docker.py dies with a traceback).
    auto r =
        run(config(R"({"ps": {"exit": 1, "stdout": "", "stderr": "Error: no daemon\n"}})"_json),
            args({"clean"}));
    EXPECT_EQ(r.lines(), probed({kPs}));
    EXPECT_EQ(r.out, kFilterLine);
    ASSERT_EQ(r.err_lines().size(), 2u) << r.err;
    EXPECT_EQ(r.err_lines()[1], "qemu-docker: error: listing containers failed (exit status 1)");
    EXPECT_EQ(r.status, 1);
}

} // namespace
} // namespace conformance
