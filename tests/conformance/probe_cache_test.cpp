// The probe cache (src/engine/probe_cache.cpp): a second command does not
// probe; each input of the key, a stale, corrupt or foreign record, a failed
// engine command and QEMU_DOCKER_PROBE_CACHE=0 make it probe again.
#include "fixture.h"
#include "precondition.h"

#include <fstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace conformance {
namespace {

namespace fs = std::filesystem;

class ProbeCache : public EachEngine {
  protected:
    // The cache on, whatever the suite's environment says.
    static RunOptions on(std::map<std::string, std::string> env = {}) {
        RunOptions o;
        o.env = std::move(env);
        o.env["QEMU_DOCKER_PROBE_CACHE"] = "1";
        return o;
    }
    Outcome images(const RunOptions& options) { return run(args({"images"}), options); }
    fs::path directory() { return sandbox().root() / ".cache" / "qemu-docker"; }
    std::vector<fs::path> records() {
        std::vector<fs::path> out;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(directory(), ec))
            out.push_back(e.path());
        return out;
    }
    fs::path record() {
        auto all = records();
        EXPECT_EQ(all.size(), 1u);
        return all.empty() ? fs::path() : all.front();
    }
    // Runs `images` once to fill the cache.
    void fill() {
        sandbox(config());
        auto first = images(on());
        ASSERT_EQ(first.lines(), probed({"images"}));
        ASSERT_EQ(first.status, 0);
    }
    Lines unprobed(const std::string& command) const { return {engine(command)}; }
};
QD_EACH_ENGINE(ProbeCache);

TEST_P(ProbeCache, SecondCommandDoesNotProbe) {
    fill();
    auto r = images(on());
    EXPECT_EQ(r.lines(), unprobed("images"));
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.status, 0);
    struct stat dir {
    }, file{};
    ASSERT_EQ(::stat(directory().c_str(), &dir), 0);
    ASSERT_EQ(::stat(record().c_str(), &file), 0);
    EXPECT_EQ(dir.st_mode & 07777, 0700u);
    EXPECT_EQ(file.st_mode & 07777, 0600u);
}

TEST_P(ProbeCache, OffProbesEachTime) {
    sandbox(config());
    for (int i = 0; i < 2; ++i)
        EXPECT_EQ(images(RunOptions::with_env("QEMU_DOCKER_PROBE_CACHE", "0")).lines(),
                  probed({"images"}));
    EXPECT_TRUE(records().empty());
}

TEST_P(ProbeCache, UnderXdgRuntimeDirWhenPrivate) {
    sandbox(config());
    fs::path runtime = sandbox().root() / "run";
    fs::create_directory(runtime);
    fs::permissions(runtime, fs::perms::owner_all, fs::perm_options::replace);
    auto env = on({{"XDG_RUNTIME_DIR", runtime.string()}});
    EXPECT_EQ(images(env).lines(), probed({"images"}));
    EXPECT_EQ(images(env).lines(), unprobed("images"));
    EXPECT_TRUE(fs::exists(runtime / "qemu-docker"));
    EXPECT_TRUE(records().empty());
    // Not private: ~/.cache instead.
    fs::permissions(runtime, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec,
                    fs::perm_options::replace);
    EXPECT_EQ(images(env).lines(), probed({"images"}));
    EXPECT_EQ(records().size(), 1u);
}

TEST_P(ProbeCache, ProbeAlwaysProbesAndRefreshes) {
    fill();
    auto r = run(args({"probe"}), on());
    EXPECT_EQ(r.lines(), GetParam().probe);
    EXPECT_EQ(r.out, GetParam().probe_name + "\n");
    EXPECT_EQ(images(on()).lines(), unprobed("images"));
}

TEST_P(ProbeCache, ProbeWithoutEngineDropsIt) {
    fill();
    json broken = {{"podman", {{"version", {{"exit", 125}}}}},
                   {"docker", {{"version", {{"exit", 1}}}}},
                   {"sudo", {{"version", {{"exit", 1}}}}}};
    sandbox().write("config.json", broken.dump()); // no engine answers any more
    auto r = run(args({"probe"}), on());
    EXPECT_EQ(r.out, "no\n");
    EXPECT_TRUE(records().empty());
}

TEST_P(ProbeCache, FailedEngineCommandDropsIt) {
    fill();
    json failing = config({{"images", {{"exit", 1}, {"stderr", "Cannot connect\n"}}}});
    sandbox().write("config.json", failing.dump());
    auto failed = images(on());
    EXPECT_EQ(failed.lines(), unprobed("images"));
    EXPECT_EQ(failed.err, "Cannot connect\n"); // the engine's own message
    EXPECT_EQ(failed.status, 1);
    EXPECT_TRUE(records().empty());
    sandbox().write("config.json", config().dump());
    EXPECT_EQ(images(on()).lines(), probed({"images"}));
}

// run's status is its command's: a command that fails is no failing engine.
TEST_P(ProbeCache, RunWhoseCommandFailsKeepsIt) {
    fill();
    sandbox().write("config.json", config({{"run", {{"exit", 3}}}}).dump());
    auto r = run(args({"run", "--rm", "qemu/base", "false"}), on());
    EXPECT_EQ(r.lines().front(), engine(run_line("--rm qemu/base false")));
    EXPECT_EQ(r.status, 3);
    EXPECT_EQ(images(on()).lines(), unprobed("images"));
}

TEST_P(ProbeCache, RunFailingInTheEngineDropsIt) {
    fill();
    json failing = config({{"run", {{"exit", 125}, {"stderr", "Cannot connect\n"}}}});
    sandbox().write("config.json", failing.dump());
    auto r = run(args({"run", "--rm", "qemu/base", "true"}), on());
    EXPECT_EQ(r.lines().front(), engine(run_line("--rm qemu/base true")));
    EXPECT_EQ(r.status, 125);
    EXPECT_TRUE(records().empty());
}

TEST_P(ProbeCache, EachVariableOfTheKeyProbesAgain) {
    fill();
    for (const char* name :
         {"DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH",
          "CONTAINER_HOST", "CONTAINER_CONNECTION", "CONTAINERS_CONF", "CONTAINERS_STORAGE_CONF",
          "PODMAN_CONNECTIONS_CONF", "XDG_CONFIG_HOME"}) {
        std::string value = (sandbox().root() / "none").string();
        if (std::string(name) == "DOCKER_HOST" || std::string(name) == "CONTAINER_HOST")
            value = "unix://" + value;
        EXPECT_EQ(images(on({{name, value}})).lines(), probed({"images"})) << name;
        EXPECT_EQ(images(on({{name, value}})).lines(), unprobed("images")) << name;
    }
    fs::path extra = sandbox().root() / "extra";
    fs::create_directory(extra);
    std::string path = (sandbox().root() / "bin").string() + ":" + extra.string() + ":" +
                       fake_engine::system_path();
    EXPECT_EQ(images(on({{"PATH", path}})).lines(), probed({"images"}));
}

// The files the engines' clients read to choose their endpoint: a docker
// context made or updated (`docker context update` rewrites its
// meta.json), podman 5's connections, containers' storage.conf.
TEST_P(ProbeCache, EachEndpointFileOfTheKeyProbesAgain) {
    fill();
    std::string meta = ".docker/contexts/meta/0123abcd/meta.json";
    for (auto [file, text] : std::vector<std::pair<std::string, std::string>>{
             {meta, R"({"Name":"far","Endpoints":{"docker":{"Host":"tcp://a:2375"}}})"},
             {meta, R"({"Name":"far","Endpoints":{"docker":{"Host":"tcp://b.example:2375"}}})"},
             {".config/containers/podman-connections.json", R"({"Connection":{}})"},
             {".config/containers/storage.conf", "[storage]\ndriver = \"vfs\"\n"}}) {
        sandbox().write(file, text);
        EXPECT_EQ(images(on()).lines(), probed({"images"})) << file << " " << text;
        EXPECT_EQ(images(on()).lines(), unprobed("images")) << file;
    }
}

TEST_P(ProbeCache, AReplacedEngineProgramProbesAgain) {
    fill();
    std::string program = GetParam().probe.back().substr(0, GetParam().probe.back().find(' '));
    fs::path link = sandbox().root() / "bin" / program;
    fs::path target = fs::read_symlink(link);
    fs::remove(link);
    fs::copy_file(target, link);
    EXPECT_EQ(images(on()).lines(), probed({"images"}));
    EXPECT_EQ(images(on()).lines(), unprobed("images"));
}

TEST_P(ProbeCache, StaleRecordProbesAgain) {
    fill();
    std::ifstream in(record());
    json r = json::parse(in);
    r["written_at"] = r["written_at"].get<long long>() - 61;
    std::ofstream(record(), std::ios::trunc) << r.dump();
    EXPECT_EQ(images(on()).lines(), probed({"images"}));
    EXPECT_EQ(images(on()).lines(), unprobed("images"));
}

TEST_P(ProbeCache, CorruptRecordIsIgnoredInSilence) {
    fill();
    for (std::string garbage : {std::string(""), std::string("\xff{\"format\":1,"),
                                std::string("{\"format\":1}"), std::string(100, '\0')}) {
        std::ofstream(record(), std::ios::trunc | std::ios::binary) << garbage;
        auto r = images(on());
        EXPECT_EQ(r.lines(), probed({"images"}));
        EXPECT_EQ(r.err, "");
        EXPECT_EQ(r.status, 0);
        EXPECT_EQ(images(on()).lines(), unprobed("images")); // rewritten
    }
}

TEST_P(ProbeCache, RecordOthersCouldWriteIsIgnored) {
    fill();
    for (auto mode : {fs::perms::group_write, fs::perms::others_write}) {
        fs::permissions(record(), mode, fs::perm_options::add);
        EXPECT_EQ(images(on()).lines(), probed({"images"}));
        EXPECT_EQ(images(on()).lines(), unprobed("images"));
    }
}

TEST_P(ProbeCache, RecordOwnedBySomeoneElseIsIgnored) {
    if (::geteuid() != 0)
        PRECONDITION_MISSING("root, to give the record to another user");
    fill();
    ASSERT_EQ(::chown(record().c_str(), 65534, 65534), 0);
    EXPECT_EQ(images(on()).lines(), probed({"images"}));
    EXPECT_EQ(images(on()).lines(), unprobed("images")); // replaced by one of ours
}

TEST_P(ProbeCache, DirectoryOthersCanReachTurnsItOff) {
    fill();
    fs::permissions(directory(), fs::perms::group_read | fs::perms::group_exec,
                    fs::perm_options::add);
    for (int i = 0; i < 2; ++i) {
        auto r = images(on());
        EXPECT_EQ(r.lines(), probed({"images"}));
        EXPECT_EQ(r.err, "");
    }
}

TEST_P(ProbeCache, UnwritableHomeTurnsItOffInSilence) {
    sandbox(config());
    sandbox().write("home/.cache", "a file where the directory would go");
    auto env = on({{"HOME", (sandbox().root() / "home").string()}});
    for (int i = 0; i < 2; ++i) {
        auto r = images(env);
        EXPECT_EQ(r.lines(), probed({"images"}));
        EXPECT_EQ(r.err, "");
        EXPECT_EQ(r.status, 0);
    }
}

// make -j: many at once; each either probes or reads a whole record, and
// nothing but the one record is left.
TEST_P(ProbeCache, ConcurrentCommandsNeverSeeATornRecord) {
    sandbox(config());
    for (int round = 0; round < 3; ++round) {
        std::vector<std::unique_ptr<fake_engine::Child>> children;
        for (int i = 0; i < 8; ++i)
            children.push_back(start(config(), args({"images"}), on()));
        for (auto& child : children) {
            auto r = finish(*child);
            EXPECT_EQ(r.status, 0);
            EXPECT_EQ(r.err, "");
        }
        EXPECT_EQ(records().size(), 1u);
    }
}

class ProbeCacheChoice : public QemuDocker {};

TEST_F(ProbeCacheChoice, EachEngineChoiceHasItsOwnRecord) {
    sandbox(R"({"podman": {}, "docker": {}, "sudo": {}})"_json);
    RunOptions on = RunOptions::with_env("QEMU_DOCKER_PROBE_CACHE", "1");
    EXPECT_EQ(run({"images"}, on).lines(), (Lines{"podman version", "podman images"}));
    EXPECT_EQ(run({"--engine", "docker", "images"}, on).lines(),
              (Lines{"docker version", "docker images"}));
    EXPECT_EQ(run({"--engine", "docker", "images"}, on).lines(), (Lines{"docker images"}));
    EXPECT_EQ(run({"images"}, on).lines(), (Lines{"podman images"}));
    EXPECT_EQ(run({"--engine", "podman", "images"}, on).lines(),
              (Lines{"podman version", "podman images"}));
}

TEST_F(ProbeCacheChoice, BuildxAnswerIsKept) {
    std::string version = "Client: Docker Engine - Community\n Version:           28.0.1\n";
    sandbox({{"docker", {{"version", {{"stdout", version}}}, {"buildx", {{"exit", 1}}}}}});
    write_dockerfiles(sandbox());
    RunOptions on = RunOptions::with_env("QEMU_DOCKER_PROBE_CACHE", "1");
    Args build = {"build", "-t", "qemu/base", "-f", dockerfile("base"), "--no-cache"};
    EXPECT_EQ(run(build, on).lines(),
              (Lines{"docker version", "docker buildx version",
                     "docker build -t qemu/base -f <context>/<dockerfile> --no-cache <context>"}));
    auto again = run(build, on);
    EXPECT_EQ(again.lines(),
              (Lines{"docker build -t qemu/base -f <context>/<dockerfile> --no-cache <context>"}));
    EXPECT_EQ(again.calls.back().env,
              (std::map<std::string, std::string>{{"DOCKER_BUILDKIT", "0"}}));
    EXPECT_EQ(again.err, "qemu-docker: docker 28 has no buildx plugin; building with the classic "
                         "builder\n");
}

} // namespace
} // namespace conformance
