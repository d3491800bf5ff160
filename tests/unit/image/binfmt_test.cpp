#include "qemu_docker/image/binfmt.h"
#include "temp_dir.h"

#include <gtest/gtest.h>
#include <optional>
#include <string>

namespace {

using qd::test::TempDir;

// Captured from /proc/sys/fs/binfmt_misc on Debian 12 with qemu-user-static
// and binfmt-support; persistence and interpreter as docker.py's regexes
// give them (checked with /usr/bin/python3).
constexpr const char* kQemuAarch64 = "enabled\n"
                                     "interpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\n"
                                     "flags: PF\n"
                                     "offset 0\n"
                                     "magic 7f454c460201010000000000000000000200b700\n"
                                     "mask ffffffffffffff00fffffffffffffffffeffffff\n";

constexpr const char* kLliNoFlags = "enabled\n"
                                    "interpreter /usr/bin/lli-14\n"
                                    "flags: \n"
                                    "offset 0\n"
                                    "magic 4243\n";

constexpr const char* kPythonDisabled = "disabled\n"
                                        "interpreter /usr/bin/python3.11\n"
                                        "flags: \n"
                                        "offset 0\n"
                                        "magic a70d0d0a\n";

TEST(Binfmt, CapturedAndSyntheticEntries) {
    const struct {
        const char* text;
        std::optional<std::string> interpreter;
        bool persistent;
    } cases[] = {
        {kQemuAarch64, "/usr/libexec/qemu-binfmt/aarch64-binfmt-P", true},
        {kLliNoFlags, "/usr/bin/lli-14", false},
        {kPythonDisabled, "/usr/bin/python3.11", false}, // docker.py ignores "disabled"
        // Synthetic: a qemu entry registered without F.
        {"enabled\n"
         "interpreter /usr/bin/qemu-aarch64-static\n"
         "flags: OC\n"
         "offset 0\n",
         "/usr/bin/qemu-aarch64-static", false},
    };
    for (const auto& c : cases) {
        const auto e = qd::parse_binfmt_entry(c.text);
        EXPECT_EQ(e.interpreter, c.interpreter) << c.text;
        EXPECT_EQ(e.persistent, c.persistent) << c.text;
    }
}

// Corner cases of the two regexes, as Python's re.search decides them.
TEST(Binfmt, RegexCornerCases) {
    EXPECT_FALSE(qd::parse_binfmt_entry("enabled\nflags: F").persistent); // no "\n" after
    EXPECT_TRUE(qd::parse_binfmt_entry("flags: OCF\n").persistent);
    EXPECT_TRUE(qd::parse_binfmt_entry("x flags:F\n").persistent);          // anywhere in a line
    EXPECT_FALSE(qd::parse_binfmt_entry("flags: P\nF\n").persistent);       // F on the next line
    EXPECT_TRUE(qd::parse_binfmt_entry("flags: P\nflags: F\n").persistent); // any flags line
    EXPECT_TRUE(qd::parse_binfmt_entry("flags: F\r\n").persistent); // text mode: "\r\n" is "\n"
    EXPECT_TRUE(qd::parse_binfmt_entry("flags: F\r").persistent);

    EXPECT_EQ(qd::parse_binfmt_entry("interpreter /q").interpreter, std::nullopt); // no "\n"
    EXPECT_EQ(qd::parse_binfmt_entry("interpreter /q x\n").interpreter, std::nullopt);
    EXPECT_EQ(qd::parse_binfmt_entry("interpreter \n").interpreter, std::nullopt);
    EXPECT_EQ(qd::parse_binfmt_entry("interpreter /a b\ninterpreter /c\n").interpreter, "/c");
    EXPECT_EQ(qd::parse_binfmt_entry("interpreter  /q\n").interpreter, std::nullopt);
    EXPECT_EQ(qd::parse_binfmt_entry("interpreter /q\u00a0x\n").interpreter, std::nullopt);
    EXPECT_EQ(qd::parse_binfmt_entry("interpreter /q\r\n").interpreter, "/q");
    EXPECT_EQ(qd::parse_binfmt_entry("").interpreter, std::nullopt);
}

TEST(Binfmt, EntryPathUsesBasename) {
    EXPECT_EQ(qd::binfmt_entry_path("/usr/bin/qemu-aarch64"),
              "/proc/sys/fs/binfmt_misc/qemu-aarch64");
    EXPECT_EQ(qd::binfmt_entry_path("qemu-arm"), "/proc/sys/fs/binfmt_misc/qemu-arm");
    EXPECT_EQ(qd::binfmt_entry_path("./build/qemu-riscv64"),
              "/proc/sys/fs/binfmt_misc/qemu-riscv64");
}

TEST(Binfmt, ReadEntry) {
    const TempDir dir;
    EXPECT_EQ(qd::read_binfmt_entry(dir.path() / "qemu-none"), std::nullopt);
    const auto e = qd::read_binfmt_entry(dir.write("qemu-aarch64", kQemuAarch64));
    ASSERT_TRUE(e.has_value());
    EXPECT_TRUE(e->persistent);
    EXPECT_EQ(e->interpreter, "/usr/libexec/qemu-binfmt/aarch64-binfmt-P");
}

} // namespace
