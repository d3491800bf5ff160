// fetch: pull REGISTRY/TAG, then tag it TAG.
#include "fixture.h"

namespace conformance {
namespace {

class Fetch : public EachEngine {};
QD_EACH_ENGINE(Fetch);

TEST_P(Fetch, PullsThenTags) {
    auto r = run(config(R"({"pull": {"stdout": "pulled\n"}, "tag": {"stdout": "tagged\n"}})"_json),
                 args({"fetch", "qemu/debian", "registry.gitlab.com/qemu-project/qemu"}));
    EXPECT_EQ(r.lines(), probed({"pull registry.gitlab.com/qemu-project/qemu/qemu/debian",
                                 "tag registry.gitlab.com/qemu-project/qemu/qemu/debian "
                                 "qemu/debian"}));
    EXPECT_EQ(r.out, "pulled\ntagged\n");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Fetch, QuietAnywhere) {
    auto r = run(config(R"({"pull": {"stdout": "pulled\n"}, "tag": {"stdout": "tagged\n"}})"_json),
                 args({"fetch", "qemu/debian", "--quiet", "reg"}));
    EXPECT_EQ(r.lines(), probed({"pull reg/qemu/debian", "tag reg/qemu/debian qemu/debian"}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
}

TEST_P(Fetch, PullFailureStopsBeforeTag) {
    // D3: docker.py tags anyway and exits 0.
    auto r = run(config(R"({"pull": {"exit": 125, "stderr": "Error: denied\n"}})"_json),
                 args({"fetch", "qemu/debian", "reg"}));
    EXPECT_EQ(r.lines(), probed({"pull reg/qemu/debian"}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "Error: denied\nqemu-docker: error: pulling reg/qemu/debian failed\n");
    EXPECT_EQ(r.status, 125);
}

TEST_P(Fetch, TagFailureIsAnError) {
    // D3.
    auto r = run(config(R"({"tag": {"exit": 1}})"_json), args({"fetch", "qemu/debian", "reg"}));
    EXPECT_EQ(r.lines(), probed({"pull reg/qemu/debian", "tag reg/qemu/debian qemu/debian"}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "qemu-docker: error: tagging reg/qemu/debian as qemu/debian failed\n");
    EXPECT_EQ(r.status, 1);
}

TEST_P(Fetch, ExtraArgumentsAreIgnored) {
    auto r = run(config(), args({"fetch", "t", "r", "extra", "--opt"}));
    EXPECT_EQ(r.lines(), probed({"pull r/t", "tag r/t t"}));
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
}

} // namespace
} // namespace conformance
