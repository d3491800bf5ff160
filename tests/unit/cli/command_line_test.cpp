// Expectations were produced by running ../shared/reference/docker.py
// (Python 3.11 argparse) on the same command lines.
#include "qemu_docker/cli/command_line.h"
#include "qemu_docker/util/error.h"

#include <gtest/gtest.h>
#include <map>

namespace {

using Args = std::vector<std::string>;
// option or positional -> the values the splitter gave it ({} for a flag)
using Values = std::map<std::string, Args>;

struct Parsed {
    std::string subcommand;
    Values values;
    Args passthrough;
    std::string engine;
    bool quiet = false;
};

class NullRunner : public qd::ProcessRunner {
  public:
    std::unique_ptr<qd::ChildProcess> start(const qd::SpawnRequest&) override { return nullptr; }
};

Parsed parse(const Args& args) {
    qd::CommandLine cl;
    auto split = cl.split(args);
    EXPECT_TRUE(cl.parse(args));
    Parsed p;
    p.subcommand = split.subcommand->name;
    p.values = Values(split.own.options.begin(), split.own.options.end());
    for (const auto& [name, value] : split.own.positionals)
        p.values[name] = {value};
    NullRunner runner;
    auto inv = cl.invocation(runner);
    EXPECT_EQ(inv.passthrough, split.passthrough);
    p.passthrough = inv.passthrough;
    p.engine = inv.engine_choice == qd::EngineChoice::Auto     ? "auto"
               : inv.engine_choice == qd::EngineChoice::Docker ? "docker"
                                                               : "podman";
    p.quiet = inv.quiet;
    return p;
}

std::string usage_error(const Args& args) {
    try {
        qd::CommandLine cl;
        cl.parse(args);
    } catch (const qd::UsageError& e) {
        EXPECT_EQ(e.status(), 2);
        return e.what();
    }
    ADD_FAILURE() << "no usage error";
    return "";
}

TEST(CommandLine, OptionsBeforeSubcommandPassThroughFirst) {
    auto p = parse({"--quiet", "--foo", "images", "-a"});
    EXPECT_EQ(p.subcommand, "images");
    EXPECT_EQ(p.values, Values{});
    EXPECT_EQ(p.passthrough, (Args{"--quiet", "--foo", "-a"}));
}

TEST(CommandLine, QuietTakenAfterImageName) {
    auto p = parse({"--engine", "podman", "run", "--rm", "img", "--quiet", "x"});
    EXPECT_EQ(p.engine, "podman");
    EXPECT_EQ(p.values, (Values{{"--quiet", {}}}));
    EXPECT_EQ(p.passthrough, (Args{"--rm", "img", "x"}));
    EXPECT_TRUE(p.quiet);
}

TEST(CommandLine, EngineChoice) {
    EXPECT_EQ(parse({"--engine", "PODMAN", "probe"}).engine, "podman");
    EXPECT_EQ(parse({"--engine=docker", "probe"}).engine, "docker");
    EXPECT_EQ(parse({"--eng", "Auto", "probe"}).engine, "auto");
    EXPECT_EQ(parse({"--engine", "docker", "--engine", "podman", "probe"}).engine, "podman");
    EXPECT_NE(usage_error({"--eng", "pod", "probe"}).find("pod"), std::string::npos);
    EXPECT_NE(usage_error({"--engine", "foo", "probe"}).find("foo"), std::string::npos);
}

TEST(CommandLine, EngineAfterSubcommandPassesThrough) {
    auto p = parse({"probe", "--engine", "docker"});
    EXPECT_EQ(p.engine, "auto");
    EXPECT_EQ(p.passthrough, (Args{"--engine", "docker"}));
}

TEST(CommandLine, LongOptionAbbreviations) {
    EXPECT_EQ(parse({"run", "--ke", "img"}).values, (Values{{"--keep", {}}}));
    EXPECT_EQ(parse({"run", "--k", "img"}).values, (Values{{"--keep", {}}}));
    EXPECT_EQ(parse({"run", "--run", "img"}).values, (Values{{"--run-as-current-user", {}}}));
    EXPECT_EQ(parse({"run", "--r", "img"}).values, (Values{{"--run-as-current-user", {}}}));
    EXPECT_EQ(parse({"run", "--qu", "img"}).values, (Values{{"--quiet", {}}}));
    auto b = parse({"build", "-t", "x", "-f", "y", "--inc=q"});
    EXPECT_EQ(b.values, (Values{{"-t", {"x"}}, {"-f", {"y"}}, {"--include-executable", {"q"}}}));
    EXPECT_EQ(parse({"build", "-t", "x", "-f", "y", "--e", "a"}).values.at("--extra-files"),
              (Args{"a"}));
}

TEST(CommandLine, ShortOptionNotDefinedPassesThrough) {
    auto p = parse({"run", "-q", "img"});
    EXPECT_EQ(p.values, Values{});
    EXPECT_EQ(p.passthrough, (Args{"-q", "img"}));
}

TEST(CommandLine, DoubleDashKeptForRun) {
    auto p = parse({"run", "--keep", "--", "img", "ls"});
    EXPECT_EQ(p.values, (Values{{"--keep", {}}}));
    EXPECT_EQ(p.passthrough, (Args{"--", "img", "ls"}));
    auto q = parse({"run", "--", "--keep", "img"});
    EXPECT_EQ(q.values, Values{});
    EXPECT_EQ(q.passthrough, (Args{"--", "--keep", "img"}));
    EXPECT_EQ(parse({"images", "--", "-a"}).passthrough, (Args{"--", "-a"}));
}

TEST(CommandLine, OwnOptionsAnywhere) {
    auto p = parse({"run", "img", "-t", "--keep"});
    EXPECT_EQ(p.values, (Values{{"--keep", {}}}));
    EXPECT_EQ(p.passthrough, (Args{"img", "-t"}));
}

TEST(CommandLine, FlagWithExplicitArgumentIsAnError) {
    EXPECT_NE(usage_error({"run", "--keep=1", "img"}).find("ignored explicit argument '1'"),
              std::string::npos);
    EXPECT_NE(
        usage_error({"build", "-t", "x", "-f", "y", "-ux"}).find("ignored explicit argument 'x'"),
        std::string::npos);
}

TEST(CommandLine, ShortFlagCluster) {
    auto p = parse({"build", "-t", "x", "-f", "y", "-ue", "q"});
    EXPECT_EQ(p.values, (Values{{"-t", {"x"}},
                                {"-f", {"y"}},
                                {"--add-current-user", {}},
                                {"--include-executable", {"q"}}}));
}

TEST(CommandLine, CcForms) {
    auto a = parse({"cc", "-i", "img", "--", "-o", "x", "x.c"});
    EXPECT_EQ(a.values, (Values{{"--image", {"img"}}}));
    EXPECT_EQ(a.passthrough, (Args{"--", "-o", "x", "x.c"}));
    auto b = parse({"cc", "--image=img", "-s", "a", "b", "--", "-c", "x.c"});
    EXPECT_EQ(b.values, (Values{{"--image", {"img"}}, {"--source-path", {"a", "b"}}}));
    EXPECT_EQ(b.passthrough, (Args{"--", "-c", "x.c"}));
    auto c = parse({"cc", "-iimg", "-s", "a", "-o", "x"});
    EXPECT_EQ(c.values, (Values{{"--image", {"img"}}, {"--source-path", {"a"}}}));
    EXPECT_EQ(c.passthrough, (Args{"-o", "x"}));
    auto d = parse({"cc", "-i", "img", "--cc", "gcc", "-s", "a", "--cc=clang", "x"});
    EXPECT_EQ(d.values,
              (Values{{"--image", {"img"}}, {"--cc", {"clang"}}, {"--source-path", {"a"}}}));
    EXPECT_EQ(d.passthrough, (Args{"x"}));
    auto e = parse({"cc", "-i", "img", "-s"}); // argparse: source_path = []
    EXPECT_EQ(e.values, (Values{{"--image", {"img"}}, {"--source-path", {}}}));
    EXPECT_NE(usage_error({"cc", "-s", "a", "b"}).find("image"), std::string::npos);
}

TEST(CommandLine, ListsStopAtTheNextOption) {
    auto a = parse({"build", "-t", "x", "-f", "y", "--extra-files", "a", "b", "--no-cache", "c"});
    EXPECT_EQ(a.values.at("--extra-files"), (Args{"a", "b"}));
    EXPECT_EQ(a.passthrough, (Args{"--no-cache", "c"}));
    auto b = parse({"build", "-tx", "-fy", "--extra-files", "a", "-", "b"});
    EXPECT_EQ(b.values, (Values{{"-t", {"x"}}, {"-f", {"y"}}, {"--extra-files", {"a", "-", "b"}}}));
    auto c = parse({"build", "-t", "x", "-f", "y", "--extra-files", "a", "--", "b"});
    EXPECT_EQ(c.values.at("--extra-files"), (Args{"a"}));
    EXPECT_EQ(c.passthrough, (Args{"--", "b"}));
    auto d = parse({"run", "-e", "-x y", "img"});
    EXPECT_EQ(d.passthrough, (Args{"-e", "-x y", "img"}));
}

TEST(CommandLine, BuildOptions) {
    auto p = parse({"build", "-t", "x", "-f", "y", "-e", "q", "-u", "-r", "R", "--skip"});
    EXPECT_EQ(p.values, (Values{{"-t", {"x"}},
                                {"-f", {"y"}},
                                {"--include-executable", {"q"}},
                                {"--add-current-user", {}},
                                {"--registry", {"R"}},
                                {"--skip-binfmt", {}}}));
    auto q = parse({"build", "-t", "x", "-f", "y", "--build-arg", "A=1"});
    EXPECT_EQ(q.passthrough, (Args{"--build-arg", "A=1"}));
}

TEST(CommandLine, CheckPositionalsAreTakenEagerly) {
    // argparse fills TAG and the optional DOCKERFILE from the first run of
    // positionals; a later one passes through.
    auto a = parse({"check", "TAG", "--quiet", "DF"});
    EXPECT_EQ(a.values, (Values{{"tag", {"TAG"}}, {"--quiet", {}}}));
    EXPECT_EQ(a.passthrough, (Args{"DF"}));
    auto b = parse({"check", "--", "TAG", "DF"});
    EXPECT_EQ(b.values, (Values{{"tag", {"TAG"}}, {"dockerfile", {"DF"}}}));
    EXPECT_EQ(b.passthrough, Args{});
}

TEST(CommandLine, CheckValues) {
    auto a = parse({"check", "TAG", "--checktype=age", "--olderthan=-5"});
    EXPECT_EQ(a.values,
              (Values{{"tag", {"TAG"}}, {"--checktype", {"age"}}, {"--olderthan", {"-5"}}}));
    auto b = parse({"check", "TAG", "--olderthan", "-5"});
    EXPECT_EQ(b.values, (Values{{"tag", {"TAG"}}, {"--olderthan", {"-5"}}}));
    usage_error({"check", "TAG", "--olderthan", "x"});
    usage_error({"check", "TAG", "--checktype", "foo"});
    usage_error({"check", "TAG", "--checktype", "a"});
}

TEST(CommandLine, FetchPositionalsAcrossOptions) {
    auto a = parse({"fetch", "TAG", "--quiet", "REG"});
    EXPECT_EQ(a.values, (Values{{"tag", {"TAG"}}, {"registry", {"REG"}}, {"--quiet", {}}}));
    EXPECT_NE(usage_error({"fetch", "TAG"}).find("registry"), std::string::npos);
}

TEST(CommandLine, Update) {
    auto a = parse({"update", "TAG", "--executable", "q", "-u"});
    EXPECT_EQ(a.values,
              (Values{{"tag", {"TAG"}}, {"--executable", {"q"}}, {"--add-current-user", {}}}));
    EXPECT_NE(usage_error({"update", "--executable=q"}).find("tag"), std::string::npos);
}

TEST(CommandLine, NegativeNumbersAndSpacesArePositional) {
    EXPECT_EQ(parse({"run", "-1", "img"}).passthrough, (Args{"-1", "img"}));
    EXPECT_EQ(parse({"run", "-e", "A B", "img"}).passthrough, (Args{"-e", "A B", "img"}));
}

TEST(CommandLine, MissingOrBadSubcommand) {
    usage_error({});
    usage_error({"--engine", "podman"});
    EXPECT_NE(usage_error({"bogus"}).find("'bogus'"), std::string::npos);
    EXPECT_NE(usage_error({"--foo", "val", "images"}).find("'val'"), std::string::npos);
    EXPECT_NE(usage_error({"--", "images"}).find("'--'"), std::string::npos);
}

// Found by tests/fuzz/argparse_split_fuzz.cpp: an empty first positional was
// taken for no subcommand at all; argparse calls it an invalid choice.
TEST(CommandLine, EmptySubcommandIsAnInvalidChoice) {
    const std::string invalid =
        "argument subcommand: invalid choice: '' (choose from 'run', 'build', 'fetch', 'update', "
        "'clean', 'images', 'probe', 'cc', 'check', 'doctor')";
    EXPECT_EQ(usage_error({""}), invalid);
    EXPECT_EQ(usage_error({"", ""}), invalid);
    EXPECT_EQ(usage_error({"--engine", "podman", "", "build"}), invalid);
}

TEST(CommandLine, OptionMissingItsValue) {
    EXPECT_NE(usage_error({"build", "-t"}).find("expected one argument"), std::string::npos);
    EXPECT_NE(usage_error({"build", "-t", "--no-cache"}).find("expected one argument"),
              std::string::npos);
    EXPECT_NE(usage_error({"--engine", "--foo", "probe"}).find("expected one argument"),
              std::string::npos);
}

} // namespace
