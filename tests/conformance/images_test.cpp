// images: ENGINE images ARGS, the engine's output and exit status.
#include "fixture.h"

namespace conformance {
namespace {

class Images : public EachEngine {};
QD_EACH_ENGINE(Images);

TEST_P(Images, PassesItsArgumentsThrough) {
    auto r = run(config(R"({"images": {"stdout": "REPOSITORY TAG\n"}})"_json),
                 args({"images", "-a", "--format", "{{.ID}} x"}));
    EXPECT_EQ(r.lines(), probed({"images -a --format '{{.ID}} x'"}));
    EXPECT_EQ(r.out, "REPOSITORY TAG\n");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Images, ExitsWithTheEngineStatus) {
    auto r =
        run(config(R"({"images": {"exit": 3, "stderr": "Error: boom\n"}})"_json), args({"images"}));
    EXPECT_EQ(r.lines(), probed({"images"}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "Error: boom\n");
    EXPECT_EQ(r.status, 3);
}

TEST_P(Images, QuietHidesStdoutOnly) {
    auto r = run(config(R"({"images": {"stdout": "REPOSITORY\n", "stderr": "warning\n"}})"_json),
                 args({"images", "--quiet", "-a"}));
    EXPECT_EQ(r.lines(), probed({"images -a"}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "warning\n");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Images, OptionsBeforeTheSubcommandGoAhead) {
    auto r = run(config(R"({"images": {"stdout": "REPOSITORY\n"}})"_json),
                 args({"--quiet", "--foo", "images", "-a"}));
    EXPECT_EQ(r.lines(), probed({"images --quiet --foo -a"}));
    EXPECT_EQ(r.out, "REPOSITORY\n"); // --quiet there is the engine's, not ours
    EXPECT_EQ(r.status, 0);
}

TEST_P(Images, DoubleDashIsKept) {
    auto r = run(config(), args({"images", "--", "-a"}));
    EXPECT_EQ(r.lines(), probed({"images -- -a"}));
    EXPECT_EQ(r.status, 0);
}

TEST_P(Images, AbbreviatedQuiet) {
    auto r =
        run(config(R"({"images": {"stdout": "REPOSITORY\n"}})"_json), args({"images", "--qu"}));
    EXPECT_EQ(r.lines(), probed({"images"}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.status, 0);
}

} // namespace
} // namespace conformance
