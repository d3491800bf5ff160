// QEMU_DOCKER_TRACE=1: a line per program run (shell-quoted, outcome and
// time) and per probe-cache decision; nothing without it.
#include "fixture.h"

#include <regex>

namespace conformance {
namespace {

class Trace : public QemuDocker {
  protected:
    static RunOptions traced(const std::string& cache = "1") {
        RunOptions o;
        o.env = {{"QEMU_DOCKER_TRACE", "1"}, {"QEMU_DOCKER_PROBE_CACHE", cache}};
        return o;
    }
    // Its stderr lines with the times and the record's name made constant.
    static Lines stderr_lines(const Outcome& outcome) {
        static const std::regex ms(R"(\(\d+ ms\)$)"), record(R"(probe-[0-9a-f]{16}\.json)");
        Lines out;
        for (auto line : outcome.err_lines())
            out.push_back(std::regex_replace(std::regex_replace(line, ms, "(N ms)"), record,
                                             "probe-KEY.json"));
        return out;
    }
};

TEST_F(Trace, EachCommandAndTheProbeCache) {
    sandbox(R"({"podman": {"version": {"exit": 125}}, "docker": {"run": {"exit": 125}}})"_json);
    auto first = run({"run", "--rm", "qemu/base", "echo", "it's {{.Id}}"}, traced());
    std::string cache = "<tmp>/.cache/qemu-docker/probe-KEY.json";
    EXPECT_EQ(stderr_lines(first),
              (Lines{"qemu-docker: trace: probe cache: miss " + cache,
                     "qemu-docker: trace: podman version -> exit 125 (N ms)",
                     "qemu-docker: trace: docker version -> exit 0 (N ms)",
                     "qemu-docker: trace: docker run --rm --label com.qemu.instance.uuid=<uuid> "
                     "--rm qemu/base echo 'it'\"'\"'s {{.Id}}' -> exit 125 (N ms)",
                     "qemu-docker: trace: probe cache: dropped, as the engine command failed",
                     "qemu-docker: trace: docker ps -q "
                     "--filter=label=com.qemu.instance.uuid=<uuid> -> exit 0 (N ms)"}));
    EXPECT_EQ(first.status, 125);
    auto again = run({"images"}, traced());
    EXPECT_EQ(stderr_lines(again), (Lines{"qemu-docker: trace: probe cache: miss " + cache,
                                          "qemu-docker: trace: podman version -> exit 125 (N ms)",
                                          "qemu-docker: trace: docker version -> exit 0 (N ms)",
                                          "qemu-docker: trace: docker images -> exit 0 (N ms)"}));
    EXPECT_EQ(stderr_lines(run({"images"}, traced())),
              (Lines{"qemu-docker: trace: probe cache: hit " + cache,
                     "qemu-docker: trace: docker images -> exit 0 (N ms)"}));
}

TEST_F(Trace, CacheOffAndProbe) {
    sandbox(R"({"podman": {}})"_json);
    EXPECT_EQ(stderr_lines(run({"images"}, traced("0"))),
              (Lines{"qemu-docker: trace: probe cache: not used",
                     "qemu-docker: trace: podman version -> exit 0 (N ms)",
                     "qemu-docker: trace: podman images -> exit 0 (N ms)"}));
    EXPECT_EQ(stderr_lines(run({"probe"}, traced())),
              (Lines{"qemu-docker: trace: podman version -> exit 0 (N ms)",
                     "qemu-docker: trace: probe cache: refreshed "
                     "<tmp>/.cache/qemu-docker/probe-KEY.json"}));
}

TEST_F(Trace, OffByDefaultAndForOtherValues) {
    sandbox(R"({"podman": {}})"_json);
    for (const char* value : {"", "0", "yes", "2"}) {
        RunOptions o = RunOptions::with_env("QEMU_DOCKER_TRACE", value);
        auto r = run({"images"}, o);
        EXPECT_EQ(r.err, "") << value;
        EXPECT_EQ(r.status, 0);
    }
}

} // namespace
} // namespace conformance
