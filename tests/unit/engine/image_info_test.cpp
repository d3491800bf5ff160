#include "qemu_docker/engine/image_info.h"
#include "qemu_docker/util/error.h"

#include <gtest/gtest.h>

TEST(ImageInfo, LabelsAndCreated) {
    auto info = qd::parse_inspect_output(
        R"([{"Id":"x","Created":"2026-11-24T14:00:00.5Z","Config":{"Labels":{"a":"1","com.qemu.dockerfile-checksum":"abc"}}}])",
        "t");
    EXPECT_EQ(info.created, "2026-11-24T14:00:00.5Z");
    EXPECT_EQ(info.label("com.qemu.dockerfile-checksum"), "abc");
    EXPECT_EQ(info.label("missing"), "");
}

TEST(ImageInfo, NullLabels) {
    auto info = qd::parse_inspect_output(R"([{"Created":"c","Config":{"Labels":null}}])", "t");
    EXPECT_TRUE(info.labels.empty());
}

TEST(ImageInfo, Unparsable) {
    EXPECT_THROW(qd::parse_inspect_output("not json", "t"), qd::Error);
    EXPECT_THROW(qd::parse_inspect_output("[]", "t"), qd::Error);
}

TEST(ImageInfo, LabelsMatch) {
    auto info = qd::parse_inspect_output(
        R"([{"Config":{"Labels":{"com.qemu.dockerfile-checksum":"abc",
             "com.qemu.include-executable-checksum":"eee"}}}])",
        "t");
    EXPECT_TRUE(qd::labels_match(info, {"abc", {}, std::nullopt}));
    EXPECT_TRUE(qd::labels_match(info, {"abc", {{"x", "1"}}, "eee"})); // extra files not compared
    EXPECT_FALSE(qd::labels_match(info, {"abd", {}, std::nullopt}));
    EXPECT_FALSE(qd::labels_match(info, {"abc", {}, "eef"}));
    auto unlabelled = qd::parse_inspect_output(R"([{"Config":{}}])", "t");
    EXPECT_FALSE(qd::labels_match(unlabelled, {"abc", {}, std::nullopt}));
    EXPECT_FALSE(qd::labels_match(unlabelled, {"", {}, "eee"}));
    EXPECT_TRUE(qd::labels_match(unlabelled, {"", {}, std::nullopt})); // as docker.py's ""
}
