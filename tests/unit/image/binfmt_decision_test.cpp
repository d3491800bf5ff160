#include "qemu_docker/image/binfmt_decision.h"
#include "qemu_docker/util/error.h"

#include <gtest/gtest.h>

using Messages = std::vector<std::string>;

TEST(BinfmtDecision, NoEntry) {
    auto d = qd::decide_binfmt("/b/qemu-aarch64", std::nullopt);
    EXPECT_FALSE(d.enabled);
    EXPECT_EQ(d.interpreter, std::nullopt);
    EXPECT_EQ(d.messages, Messages{"No binfmt_misc entry for qemu-aarch64"});
}

TEST(BinfmtDecision, PersistentEntryCopiesOnlyLibraries) {
    qd::BinfmtEntry e{.interpreter = "/usr/libexec/qemu-binfmt/aarch64-binfmt-P",
                      .persistent = true};
    auto d = qd::decide_binfmt("/b/qemu-aarch64", e);
    EXPECT_TRUE(d.enabled);
    EXPECT_EQ(d.interpreter, std::nullopt);
    EXPECT_EQ(d.messages,
              Messages{"binfmt_misc for qemu-aarch64 uses persistent(F) mapping to host binary"});
}

TEST(BinfmtDecision, InterpreterElsewhere) {
    qd::BinfmtEntry e{.interpreter = "/usr/bin/qemu-aarch64", .persistent = false};
    auto d = qd::decide_binfmt("/b/qemu-aarch64", e);
    EXPECT_TRUE(d.enabled);
    EXPECT_EQ(d.interpreter, "/usr/bin/qemu-aarch64");
    EXPECT_EQ(d.messages, Messages{"binfmt_misc for qemu-aarch64 does not point to "
                                   "/b/qemu-aarch64, using /usr/bin/qemu-aarch64"});
    EXPECT_TRUE(qd::decide_binfmt("/usr/bin/qemu-aarch64", e).messages.empty());
}

TEST(BinfmtDecision, EntryWithoutInterpreterIsAnError) {
    // docker.py: m.group(1) on no match, a traceback
    qd::BinfmtEntry e{.interpreter = std::nullopt, .persistent = false};
    EXPECT_THROW(qd::decide_binfmt("/b/qemu-aarch64", e), qd::Error);
}

TEST(BinfmtDecision, CheckReadsTheEntryNamedAfterTheExecutable) {
    auto d = qd::check_binfmt("/nonexistent/qd-no-such-binfmt-entry");
    EXPECT_FALSE(d.enabled);
    EXPECT_EQ(d.messages, Messages{"No binfmt_misc entry for qd-no-such-binfmt-entry"});
}
