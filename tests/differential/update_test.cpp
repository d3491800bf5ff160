// update through the reference and through qemu-docker: the same build
// call, tar members, output and status; D1 where named.
#include "precondition.h"
#include "reference.h"

namespace differential {
namespace {

const char* const kScript = "#!/bin/sh\necho emulated\n";

const std::vector<Case>& update_cases() {
    static const json none = json::object();
    static const std::vector<Case> cases = {
        Case("Plain", R"({"build": {"stdout": "STEP 1/1\n"}})"_json, {"update", "qemu/base"}),
        Case("Quiet", R"({"build": {"stdout": "STEP 1/1\n", "stderr": "warn\n"}})"_json,
             {"update", "--quiet", "qemu/base"}),
        Case("AddCurrentUser", none, {"update", "qemu/base", "-u"}),
        Case("AddCurrentUserLong", none, {"update", "--add-current-user", "qemu/base"}),
        Case("ExecutableWithoutBinfmtEntry", none,
             {"update", "qemu/base", "--executable", "<root>/exe/qd-no-such-entry"})
            .with_file("exe/qd-no-such-entry", kScript),
        Case("PassThroughIgnored", none, {"update", "qemu/base", "--pull", "extra"}),
        // Current QEMU's toolchain rule: a missing comma passes PREPARE.
        Case("QemuToolchainPrepare", none,
             {"update", "qemu/debian-toolchain", "--add-current-user", "PREPARE"}),
        Case("QemuToolchainPrepareQuiet", none,
             {"update", "--quiet", "qemu/debian-toolchain", "PREPARE"}),
    };
    return cases;
}

class Update : public EachCase {};

INSTANTIATE_TEST_SUITE_P(Cases, Update, over_engines(update_cases()), case_engine_name);

TEST_P(Update, Same) {
    const auto& [c, engine] = GetParam();
    expect_same(both(c, engine));
}

class UpdateAllowed : public EachEngine {};

INSTANTIATE_TEST_SUITE_P(Engines, UpdateAllowed, testing::ValuesIn(engines()), engine_name);

TEST_P(UpdateAllowed, ExecutableUnderAPersistentBinfmtEntry) {
    if (!fake_engine::persistent_binfmt_entry("qemu-aarch64"))
        PRECONDITION_MISSING("needs a qemu-aarch64 binfmt_misc entry with the F flag");
    for (const char* source : {"/bin/true", "/usr/sbin/ldconfig"}) {
        auto b = both(Case("", json::object(),
                           {"update", "qemu/base", "--executable=<root>/exe/qemu-aarch64"})
                          .with_copy("exe/qemu-aarch64", source),
                      GetParam());
        expect_same(b);
    }
}

TEST_P(UpdateAllowed, D8_TagWithANewline) {
    // docker.py writes FROM TAG: the newline adds an instruction.
    auto b = both(Case("", json::object(), {"update", "qemu/x\nRUN id"}), GetParam());
    ASSERT_FALSE(b.ref.calls.empty());
    EXPECT_EQ(b.ref.calls.back().dockerfile(), "FROM qemu/x\nRUN id\n");
    expect_d8_refusal(b, R"(tag "qemu/x\nRUN id" contains a control character)");
}

TEST_P(UpdateAllowed, D1_EngineFailure) {
    auto b = both(Case("", R"({"build": {"exit": 2, "stderr": "Error: no such image\n"}})"_json,
                       {"update", "qemu/base"}),
                  GetParam());
    expect_same_calls(b);
    EXPECT_EQ(b.qd.out, b.ref.out);
    EXPECT_TRUE(has_traceback(b.ref));
    EXPECT_EQ(b.ref.status, 1);
    EXPECT_EQ(b.qd.status, 1);
    EXPECT_EQ(b.qd.err, "Error: no such image\nqemu-docker: error: updating qemu/base failed: "
                        "the engine's build exited with status 2\n");
}

TEST_P(UpdateAllowed, D1_MissingExecutable) {
    auto b = both(Case("", json::object(), {"update", "qemu/base", "--executable", "/nope"}),
                  GetParam());
    // docker.py: "No binfmt_misc entry for nope", exit 1, nothing run.
    EXPECT_EQ(b.ref.status, 1);
    EXPECT_EQ(b.qd.status, 1);
    EXPECT_EQ(b.qd.lines(), b.ref.lines());
    EXPECT_EQ(b.qd.lines(), Lines{});
    EXPECT_EQ(b.qd.out, "");
    EXPECT_EQ(b.qd.err, "qemu-docker: error: --executable /nope: no such file\n");
}

} // namespace
} // namespace differential
