// SIGINT, SIGTERM and SIGHUP while `run` waits, through the reference and
// through qemu-docker: each removes its own container and no other.  How
// they end differs, as docs/compatibility.md says: docker.py lists its
// containers again from atexit (and for SIGTERM/SIGHUP its handler returns
// to waiting first), then exits 1 or by the signal; qemu-docker lists once
// and exits 128+N.
#include "reference.h"

#include <csignal>

namespace differential {
namespace {

using namespace std::chrono_literals;

class Signals : public Differential, public testing::WithParamInterface<int> {
  protected:
    // In SANDBOX: two waiting runs, the first signalled; its outcome.
    Outcome interrupt_first(fake_engine::Sandbox& sandbox, const Args& first, const Args& second) {
        auto mine = sandbox.start(first);
        EXPECT_TRUE(sandbox.wait_running(1));
        auto other = sandbox.start(second);
        EXPECT_TRUE(sandbox.wait_running(2));
        mine->signal(GetParam());
        Outcome r = mine->finish(10s);
        r.calls = sandbox.calls();
        fake_engine::normalise(r, sandbox.root());
        EXPECT_EQ(sandbox.running(), Lines{"c2"});
        return r;
    }
};

INSTANTIATE_TEST_SUITE_P(Each, Signals, testing::Values(SIGINT, SIGTERM, SIGHUP),
                         [](const auto& info) { return sigabbrev_np(info.param); });

// The rm calls of OUTCOME.
Lines removals(const Outcome& outcome) {
    Lines out;
    for (const auto& c : outcome.calls)
        if (c.command() == "rm")
            out.push_back(c.line());
    return out;
}

TEST_P(Signals, EachRemovesItsOwnContainerOnly) {
    make_sandboxes(R"({"podman": {"run": {"wait": true}}})"_json);
    Args run = {"run", "img", "sleep"};
    auto ref = interrupt_first(ref_sandbox(), ref_argv(run), ref_argv(run));
    auto qd = interrupt_first(qd_sandbox(), qd_argv(run), qd_argv(run));
    EXPECT_FALSE(ref.timed_out);
    EXPECT_FALSE(qd.timed_out);
    EXPECT_LT(qd.elapsed, 5s);
    Both b{ref, qd};
    allow_podman_rm_time_0(b);
    EXPECT_EQ(removals(b.qd), removals(b.ref));
    EXPECT_EQ(removals(b.qd), Lines{"podman rm -f --time 0 c1"});
    EXPECT_EQ(b.qd.status, 128 + GetParam());
    EXPECT_NE(b.ref.status, 0);
    // Both list this invocation's container first, by its uuid.
    auto first_ps = [](const Outcome& o) {
        for (const auto& c : o.calls)
            if (c.command() == "ps")
                return c.line();
        return std::string();
    };
    EXPECT_EQ(first_ps(b.qd), "podman ps -q --filter=label=com.qemu.instance.uuid=<uuid>");
    EXPECT_EQ(first_ps(b.ref), first_ps(b.qd));
}

} // namespace
} // namespace differential
