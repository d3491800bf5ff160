#include "qemu_docker/util/current_user.h"

#include <gtest/gtest.h>

TEST(CurrentUser, ValidNames) {
    EXPECT_TRUE(qd::is_valid_user_name("alice"));
    EXPECT_TRUE(qd::is_valid_user_name("_ci-user9"));
    EXPECT_FALSE(qd::is_valid_user_name(""));
    EXPECT_FALSE(qd::is_valid_user_name("9lives"));
    EXPECT_FALSE(qd::is_valid_user_name("-x"));
    EXPECT_FALSE(qd::is_valid_user_name("Alice"));
    EXPECT_FALSE(qd::is_valid_user_name("a b"));
    EXPECT_FALSE(qd::is_valid_user_name("a;rm -rf /"));
}

TEST(CurrentUser, NameFallbacks) {
    EXPECT_EQ(qd::choose_user_name(1000, "alice", "bob", "carol"), "alice");
    EXPECT_EQ(qd::choose_user_name(4242, std::nullopt, "bob", "carol"), "bob");
    EXPECT_EQ(qd::choose_user_name(4242, std::nullopt, nullptr, "carol"), "carol");
    EXPECT_EQ(qd::choose_user_name(4242, std::nullopt, "", nullptr), "user4242");
    EXPECT_EQ(qd::choose_user_name(4242, std::nullopt, "x\nRUN evil", "carol"), "user4242");
}

TEST(CurrentUser, UseraddLine) {
    EXPECT_EQ(qd::useradd_line({1000, "alice"}),
              "RUN id alice 2>/dev/null || useradd -u 1000 -U alice");
}
