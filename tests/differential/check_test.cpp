// check through the reference and through qemu-docker: the same messages
// and statuses; qemu-docker reads `inspect` once (docs/compatibility.md, D1
// row), and D1, D7 and D9 are allowed where named.
#include "reference.h"

namespace differential {
namespace {

// check ARGS... with the stand-in knowing TAG as IMAGE, in UTC (docker.py
// compares with local time).
Case check_case(const std::string& name, const Args& args, const std::string& tag,
                const json& image) {
    Args a = {"check"};
    a.insert(a.end(), args.begin(), args.end());
    return Case(name, json::object(), a)
        .with_dockerfiles()
        .with_top({{"images", {{tag, image}}}})
        .with_env("TZ", "UTC");
}

const std::string kDf = "../dockerfiles/plain.docker";

const std::vector<Case>& checksum_cases() {
    static const std::vector<Case> cases = {
        check_case("UpToDate", {"qemu/plain", kDf}, "qemu/plain", image(kPlainChecksum)),
        check_case("UpToDateQuiet", {"--quiet", "qemu/plain", kDf}, "qemu/plain",
                   image(kPlainChecksum)),
        check_case("UpToDateDebianUser", {"qemu/user", "../dockerfiles/user.docker"}, "qemu/user",
                   image(kUserChecksum)),
        check_case("NeedsUpdating", {"qemu/plain", kDf, "--checktype=checksum"}, "qemu/plain",
                   image(kUserChecksum)),
        check_case("NeedsUpdatingQuiet", {"qemu/plain", kDf, "--quiet"}, "qemu/plain",
                   image(kUserChecksum)),
        check_case("NeedsUpdatingCorpus", {"qemu/child", "../dockerfiles/child.docker"},
                   "qemu/child", image(kPlainChecksum)),
        check_case("OlderThanHugeIgnoredForTheChecksum",
                   {"--olderthan=1000000000000000000000000000000", "qemu/plain", kDf}, "qemu/plain",
                   image(kPlainChecksum)),
        check_case("ImageWithoutLabels", {"qemu/plain", kDf}, "qemu/plain", json::object()),
    };
    return cases;
}

const std::vector<Case>& other_cases() {
    static const std::vector<Case> cases = {
        check_case("DoesNotExist", {"qemu/nope", kDf}, "qemu/plain", image(kPlainChecksum)),
        check_case("DoesNotExistQuiet", {"--quiet", "qemu/nope"}, "qemu/plain",
                   image(kPlainChecksum)),
        check_case("NeedsADockerfile", {"qemu/plain"}, "qemu/plain", image(kPlainChecksum)),
        // argparse fills the positionals from their first run only.
        check_case("DockerfileAfterAnOptionIsNotTaken", {"qemu/plain", "--quiet", kDf},
                   "qemu/plain", image(kPlainChecksum)),
        check_case("NeedsADockerfileQuiet", {"--quiet", "qemu/plain"}, "qemu/plain",
                   image(kPlainChecksum)),
        check_case("AgeOld", {"--checktype=age", "qemu/sid"}, "qemu/sid",
                   image(kPlainChecksum, "2020-01-01T00:00:00.123456789Z")),
        check_case("AgeOldQemuMakefile",
                   {"--checktype=age", "--olderthan=180", "--quiet", "qemu/sid"}, "qemu/sid",
                   image(kPlainChecksum, "2020-01-01T00:00:00.123456789Z")),
        check_case("AgeNew", {"--checktype", "age", "qemu/sid"}, "qemu/sid",
                   image(kPlainChecksum, fake_engine::minutes_ago(10, ".5Z"))),
        check_case("AgeNewQemuMakefile",
                   {"--checktype=age", "--olderthan=180", "--quiet", "qemu/sid"}, "qemu/sid",
                   image(kPlainChecksum, fake_engine::minutes_ago(10, ".5Z"))),
        check_case("OlderThan", {"--checktype=age", "--olderthan", "5", "qemu/sid"}, "qemu/sid",
                   image(kPlainChecksum, fake_engine::minutes_ago(10, ".123Z"))),
        // int(): "010" is ten, not octal eight; "1_0" is ten too.
        check_case("OlderThanReadAsInt", {"--checktype=age", "--olderthan", "010", "qemu/sid"},
                   "qemu/sid", image(kPlainChecksum, fake_engine::minutes_ago(9, ".5Z"))),
        check_case("OlderThanWithUnderscore", {"--checktype=age", "--olderthan=1_0", "qemu/sid"},
                   "qemu/sid", image(kPlainChecksum, fake_engine::minutes_ago(9, ".5Z"))),
        check_case("OlderThanAbbreviated", {"--check=age", "--older=20", "qemu/sid"}, "qemu/sid",
                   image(kPlainChecksum, fake_engine::minutes_ago(10, ".123Z"))),
        // Beyond what a clock counting nanoseconds holds (153722868
        // minutes), within Python's years 1 to 9999.
        check_case("OlderThanBeyondNanoseconds",
                   {"--checktype=age", "--olderthan", "153722868", "qemu/sid"}, "qemu/sid",
                   image(kPlainChecksum, "2020-01-01T00:00:00.5Z")),
        // A 64-bit count of nanoseconds wrapped this into a limit in 2230.
        check_case("OlderThanTwoHundredMillion",
                   {"--checktype=age", "--olderthan=200000000", "qemu/sid"}, "qemu/sid",
                   image(kPlainChecksum, "2020-01-01T00:00:00.5Z")),
        check_case("OlderThanAThousandMillion",
                   {"--checktype=age", "--olderthan=1000000000", "qemu/sid"}, "qemu/sid",
                   image(kPlainChecksum, "2020-01-01T00:00:00.5Z")),
        check_case("OlderThanMinusFourThousandMillion",
                   {"--checktype=age", "--olderthan=-4000000000", "qemu/sid"}, "qemu/sid",
                   image(kPlainChecksum, fake_engine::minutes_ago(10, ".5Z"))),
        check_case("AgeIgnoresTheDockerfile", {"--checktype=age", "qemu/sid", kDf}, "qemu/sid",
                   image(kPlainChecksum, fake_engine::minutes_ago(10, ".123Z"))),
    };
    return cases;
}

class Check : public EachCase {};

INSTANTIATE_TEST_SUITE_P(Checksum, Check, over_engines(checksum_cases()), case_engine_name);

TEST_P(Check, SameButInspectOnce) {
    const auto& [c, engine] = GetParam();
    auto b = both(c, engine);
    allow_inspect_once(b);
    expect_same(b);
}

class CheckOther : public Check {};

INSTANTIATE_TEST_SUITE_P(Others, CheckOther, over_engines(other_cases()), case_engine_name);

TEST_P(CheckOther, Same) {
    const auto& [c, engine] = GetParam();
    expect_same(both(c, engine));
}

class CheckAllowed : public EachEngine {};

INSTANTIATE_TEST_SUITE_P(Engines, CheckAllowed, testing::ValuesIn(engines()), engine_name);

TEST_P(CheckAllowed, D7_TimeWithoutAFraction) {
    auto b = both(check_case("", {"--checktype=age", "qemu/sid"}, "qemu/sid",
                             image(kPlainChecksum, "2020-01-01T00:00:00Z")),
                  GetParam());
    EXPECT_EQ(b.qd.lines(), b.ref.lines());
    EXPECT_TRUE(has_traceback(b.ref)); // strptime: unconverted data remains: Z
    EXPECT_EQ(b.ref.status, 1);
    EXPECT_EQ(b.qd.out, "Image created @ 2020-01-01T00:00:00Z more than 60 minutes old\n");
    EXPECT_EQ(b.qd.err, "");
    EXPECT_EQ(b.qd.status, 1);
}

TEST_P(CheckAllowed, D7_TimeWithAnOffset) {
    // 30 minutes ago in UTC-2: docker.py takes the local digits for UTC and
    // finds it 150 minutes old.
    std::string created = fake_engine::minutes_ago(30, ".5-02:00", -2);
    auto b = both(
        check_case("", {"--checktype=age", "qemu/sid"}, "qemu/sid", image(kPlainChecksum, created)),
        GetParam());
    EXPECT_EQ(b.qd.lines(), b.ref.lines());
    EXPECT_EQ(b.ref.out,
              "Image created @ " + created.substr(0, 19) + " more than 60 minutes old\n");
    EXPECT_EQ(b.ref.status, 1);
    EXPECT_EQ(b.qd.out, "Image less than 60 minutes old\n");
    EXPECT_EQ(b.qd.status, 0);
}

TEST_P(CheckAllowed, D1_UnreadableInspectOutput) {
    for (Args args : {Args{"qemu/plain", kDf}, Args{"--checktype=age", "qemu/plain"}}) {
        Case c = check_case("", args, "qemu/plain", image(kPlainChecksum));
        c.responses = R"({"inspect": {"stdout": "not json\n"}})"_json;
        auto b = both(c, GetParam());
        // docker.py says "Image needs updating" for the checksum (its
        // json.loads failure is caught) and dies on the age.
        EXPECT_EQ(b.ref.status, 1);
        EXPECT_EQ(b.qd.status, 1);
        EXPECT_EQ(b.qd.out, "");
        ASSERT_EQ(b.qd.err_lines().size(), 1u) << b.qd.err;
        EXPECT_TRUE(b.qd.err.starts_with("qemu-docker: error: ")) << b.qd.err;
    }
}

TEST_P(CheckAllowed, D1_OlderThanOutsidePythonsYears) {
    // docker.py: datetime.now() - timedelta(minutes=N) raises OverflowError
    // ("date value out of range", "days=...; must have magnitude <=
    // 999999999", "Python int too large to convert to C int").
    for (std::string n : {"1100000000", "-4300000000", "1440000000000", "-9223372036854775809",
                          "1000000000000000000000000000000"}) {
        auto b = both(check_case("", {"--checktype=age", "--olderthan", n, "qemu/sid"}, "qemu/sid",
                                 image(kPlainChecksum, "2020-01-01T00:00:00.5Z")),
                      GetParam());
        EXPECT_EQ(b.qd.lines(), b.ref.lines()) << n;
        EXPECT_TRUE(has_traceback(b.ref)) << n;
        EXPECT_NE(b.ref.err.find("OverflowError"), std::string::npos) << b.ref.err;
        EXPECT_EQ(b.ref.out, "");
        EXPECT_EQ(b.ref.status, 1);
        EXPECT_EQ(b.qd.out, "");
        EXPECT_EQ(b.qd.err, "qemu-docker: error: --olderthan " + n +
                                ": that many minutes ago is outside the years 1 to 9999\n");
        EXPECT_EQ(b.qd.status, 1);
    }
}

TEST_P(CheckAllowed, OlderThanWithMoreDigitsThanIntTakes) {
    // Python 3.11's int() takes at most 4300 digits: a usage error for both
    // (argparse's and CLI11's wording, see "Smaller differences").
    std::string n(4301, '1');
    auto b = both(check_case("", {"--checktype=age", "--olderthan", n, "qemu/sid"}, "qemu/sid",
                             image(kPlainChecksum)),
                  GetParam());
    EXPECT_EQ(b.ref.lines(), Lines{});
    EXPECT_EQ(b.qd.lines(), Lines{});
    EXPECT_NE(b.ref.err.find("error: argument --olderthan: invalid int value: '" + n + "'\n"),
              std::string::npos)
        << b.ref.err;
    EXPECT_EQ(b.ref.status, 2);
    EXPECT_EQ(b.qd.err_lines().back(),
              "qemu-docker: error: --olderthan: invalid int value: '" + n + "'");
    EXPECT_EQ(b.qd.status, 2);
}

TEST_P(CheckAllowed, D9_ExecutableOfAnImageWithoutItsLabel) {
    // An image docker.py built with -e carries no executable label: qemu-docker's
    // build -e rebuilds it, and check -e says so; docker.py's check ignores -e.
    auto b = both(check_case("", {"qemu/plain", kDf, "--skip-binfmt", "-e", "<root>/exe/qemu-test"},
                             "qemu/plain", image(kPlainChecksum))
                      .with_file("exe/qemu-test", "#!/bin/sh\n"),
                  GetParam());
    allow_inspect_once(b);
    EXPECT_EQ(b.qd.lines(), b.ref.lines());
    EXPECT_EQ(b.ref.out, "Image is up to date\n");
    EXPECT_EQ(b.ref.status, 0);
    EXPECT_EQ(b.qd.out, "Image needs updating\n");
    EXPECT_EQ(b.qd.err, "");
    EXPECT_EQ(b.qd.status, 1);
}

TEST_P(CheckAllowed, D1_MissingDockerfile) {
    auto b = both(check_case("", {"qemu/plain", "../dockerfiles/nope.docker"}, "qemu/plain",
                             image(kPlainChecksum)),
                  GetParam());
    EXPECT_EQ(b.qd.lines(), b.ref.lines());
    EXPECT_TRUE(has_traceback(b.ref));
    EXPECT_EQ(b.ref.status, 1);
    EXPECT_EQ(b.qd.status, 1);
    ASSERT_EQ(b.qd.err_lines().size(), 1u) << b.qd.err;
}

} // namespace
} // namespace differential
