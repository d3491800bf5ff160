#include "qemu_docker/util/poll_timeout.h"

#include <gtest/gtest.h>
#include <limits>

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(PollTimeout, NoDeadlineWaitsWithoutLimit) {
    EXPECT_EQ(qd::poll_timeout(std::nullopt, Clock::now()), -1);
    EXPECT_EQ(qd::poll_timeout(std::nullopt), -1);
}

TEST(PollTimeout, RoundsUpSoThatPollNeverWakesEarly) {
    auto now = Clock::now();
    EXPECT_EQ(qd::poll_timeout(now + 1ms, now), 1);
    EXPECT_EQ(qd::poll_timeout(now + 1500us, now), 2);
    EXPECT_EQ(qd::poll_timeout(now + 1ns, now), 1);
    EXPECT_EQ(qd::poll_timeout(now + 5s, now), 5000);
}

TEST(PollTimeout, APassedDeadlineIsZero) {
    auto now = Clock::now();
    EXPECT_EQ(qd::poll_timeout(now, now), 0);
    EXPECT_EQ(qd::poll_timeout(now - 1s, now), 0);
    EXPECT_EQ(qd::poll_timeout(Clock::now() - 1s), 0);
}

TEST(PollTimeout, AFarDeadlineStaysAnInt) {
    auto now = Clock::now();
    EXPECT_EQ(qd::poll_timeout(now + std::chrono::hours(24 * 40), now),
              std::numeric_limits<int>::max());
}
