#include "qemu_docker/engine/probe_record.h"

#include <gtest/gtest.h>

namespace {

qd::ProbeInputs inputs() {
    qd::ProbeInputs in;
    in.uid = 1000;
    in.euid = 1000;
    in.variables = {{"PATH", "/usr/bin"}, {"DOCKER_HOST", std::nullopt}};
    in.files = {{"podman", qd::FileIdentity{"/usr/bin/podman", 1, 2, 3, 4}},
                {"docker", std::nullopt}};
    return in;
}

qd::EngineCommand docker() {
    auto c = qd::engine_candidates(qd::EngineChoice::Docker).front();
    c.version_output = "Client:\n Version: 28.2.2\n";
    return c;
}

TEST(ProbeKey, EachInputChangesIt) {
    std::string key = qd::probe_key(inputs());
    EXPECT_EQ(qd::probe_key(inputs()), key);
    auto in = inputs();
    in.choice = qd::EngineChoice::Podman;
    EXPECT_NE(qd::probe_key(in), key);
    in = inputs();
    in.euid = 0;
    EXPECT_NE(qd::probe_key(in), key);
    in = inputs();
    in.variables[1].second = ""; // set but empty is not unset
    EXPECT_NE(qd::probe_key(in), key);
    in = inputs();
    in.files[0].second->mtime_ns = 5; // podman reinstalled
    EXPECT_NE(qd::probe_key(in), key);
    in = inputs();
    in.files[1].second = qd::FileIdentity{"/usr/bin/docker", 1, 9, 3, 4}; // docker installed
    EXPECT_NE(qd::probe_key(in), key);
}

TEST(ProbeRecord, ReadsBackWhatWasWritten) {
    auto engine = docker();
    engine.buildx = false;
    engine.rootless = true;
    auto read = qd::read_probe_record(qd::probe_record("k", engine, 100), "k", 130);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->kind, qd::EngineKind::Docker);
    EXPECT_EQ(read->prefix, std::vector<std::string>{"docker"});
    EXPECT_EQ(read->version_output, engine.version_output);
    EXPECT_EQ(read->buildx, std::optional<bool>(false));
    EXPECT_EQ(read->rootless, std::optional<bool>(true));
}

TEST(ProbeRecord, SudoDockerKeepsItsPrefix) {
    auto engine = qd::engine_candidates(qd::EngineChoice::Docker).back();
    auto read = qd::read_probe_record(qd::probe_record("k", engine, 100), "k", 100);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->prefix, (std::vector<std::string>{"sudo", "-n", "docker"}));
    EXPECT_EQ(read->buildx, std::nullopt);
    EXPECT_EQ(read->rootless, std::nullopt);
}

TEST(ProbeRecord, AnotherKeyIsNoRecord) {
    EXPECT_FALSE(qd::read_probe_record(qd::probe_record("k", docker(), 100), "k2", 100));
}

TEST(ProbeRecord, StaleOrFromTheFutureIsNoRecord) {
    std::string text = qd::probe_record("k", docker(), 1000);
    EXPECT_TRUE(qd::read_probe_record(text, "k", 1000 + qd::kProbeLifetimeSeconds));
    EXPECT_FALSE(qd::read_probe_record(text, "k", 1001 + qd::kProbeLifetimeSeconds));
    EXPECT_FALSE(qd::read_probe_record(text, "k", 999));
}

TEST(ProbeRecord, CorruptIsNoRecord) {
    std::string text = qd::probe_record("k", docker(), 100);
    for (std::size_t cut = 0; cut < text.size() - 1; cut += 7)
        EXPECT_FALSE(qd::read_probe_record(text.substr(0, cut), "k", 100)) << cut;
    for (const char* bad : {"", "\xff", "[]", "{}", "null",
                            R"({"format":2,"key":"k","written_at":"100","engine":"docker",
                                "version_output":"","buildx":null})",
                            R"({"format":2,"key":"k","written_at":-9223372036854775807,
                                "engine":"docker","version_output":"","buildx":null})",
                            R"({"format":2,"key":"k","written_at":100,"engine":"rkt",
                                "version_output":"","buildx":null})",
                            R"({"format":2,"key":"k","written_at":100,"engine":"docker",
                                "version_output":"","buildx":"yes"})",
                            R"({"format":2,"key":"k","written_at":100,"engine":"docker",
                                "version_output":"","buildx":null,"rootless":"no"})",
                            R"({"format":1,"key":"k","written_at":100,"engine":"docker",
                                "version_output":"","buildx":null})"})
        EXPECT_FALSE(qd::read_probe_record(bad, "k", 100)) << bad;
}

} // namespace
