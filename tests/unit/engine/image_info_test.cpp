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

std::string error_for(std::string_view json) {
    try {
        qd::parse_inspect_output(json, "qemu/base");
    } catch (const qd::Error& e) {
        return e.what();
    }
    return "";
}

// One line that names the image and what is wrong; never the bytes read.
TEST(ImageInfo, WrongShapeIsAnErrorThatNamesIt) {
    const std::string prefix = "cannot read the engine's description of qemu/base: ";
    EXPECT_EQ(error_for("\xff\n"), prefix + "it is not JSON");
    EXPECT_EQ(error_for(""), prefix + "it is not JSON");
    EXPECT_EQ(error_for("{}"), prefix + "it is not a list of images");
    EXPECT_EQ(error_for("[5]"), prefix + "it is not a list of images");
    EXPECT_EQ(error_for(R"([{"Created":5}])"), prefix + "it has no \"Created\" time");
    EXPECT_EQ(error_for(R"([{"Created":"c","Config":42}])"),
              prefix + "its \"Config\" is not an object");
    EXPECT_EQ(error_for(R"([{"Created":"c","Config":{"Labels":["x"]}}])"),
              prefix + "its \"Labels\" is not an object");
    EXPECT_EQ(error_for(R"([{"Created":"c","Config":{"Labels":{"a":1}}}])"),
              prefix + "its label \"a\" is not a string");
    EXPECT_EQ(error_for(R"([{"Created":"c","Config":null}])"), "");
}

TEST(ImageInfo, LabelsMatch) {
    auto info = qd::parse_inspect_output(
        R"([{"Created":"c","Config":{"Labels":{"com.qemu.dockerfile-checksum":"abc",
             "com.qemu.include-executable-checksum":"eee"}}}])",
        "t");
    EXPECT_TRUE(qd::labels_match(info, {"abc", {}, std::nullopt}));
    EXPECT_TRUE(qd::labels_match(info, {"abc", {{"x", "1"}}, "eee"})); // extra files not compared
    EXPECT_FALSE(qd::labels_match(info, {"abd", {}, std::nullopt}));
    EXPECT_FALSE(qd::labels_match(info, {"abc", {}, "eef"}));
    auto unlabelled = qd::parse_inspect_output(R"([{"Created":"c","Config":{}}])", "t");
    EXPECT_FALSE(qd::labels_match(unlabelled, {"abc", {}, std::nullopt}));
    EXPECT_FALSE(qd::labels_match(unlabelled, {"", {}, "eee"}));
    EXPECT_TRUE(qd::labels_match(unlabelled, {"", {}, std::nullopt})); // as docker.py's ""
}
