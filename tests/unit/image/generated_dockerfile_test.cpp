#include "qemu_docker/image/generated_dockerfile.h"
#include "qemu_docker/util/error.h"

#include <gtest/gtest.h>

using Names = std::vector<std::string>;

TEST(GeneratedDockerfile, LabelsAfterTheText) {
    qd::ImageLabels labels{"abc", {{"a.txt", "111"}, {"dir/b", "222"}}, std::nullopt};
    EXPECT_EQ(qd::generated_dockerfile("FROM x\nRUN y\n", std::nullopt, labels),
              "FROM x\nRUN y\n\n"
              "LABEL com.qemu.dockerfile-checksum=abc\n"
              "LABEL com.qemu.a.txt-checksum=111\n"
              "LABEL com.qemu.dir/b-checksum=222\n");
}

TEST(GeneratedDockerfile, UseraddLineAndExecutableLabel) {
    qd::ImageLabels labels{"abc", {}, "eee"};
    EXPECT_EQ(
        qd::generated_dockerfile("FROM x", "RUN id u 2>/dev/null || useradd -u 5 -U u", labels),
        "FROM x\nRUN id u 2>/dev/null || useradd -u 5 -U u\n"
        "LABEL com.qemu.dockerfile-checksum=abc\n"
        "LABEL com.qemu.include-executable-checksum=eee\n");
}

TEST(GeneratedDockerfile, ParentReferencesAnywhereOnALine) {
    // docker.py's re.findall("FROM qemu\/(.*)"): comments and mid-line too
    EXPECT_EQ(qd::qemu_parent_references("FROM qemu/a\n# FROM qemu/b c\nRUN x FROM qemu/d"),
              (Names{"a", "b c", "d"}));
    EXPECT_EQ(qd::qemu_parent_references("FROM debian\n"), Names{});
    EXPECT_EQ(qd::qemu_parent_references("FROM qemu/\n"), Names{""});
}

TEST(GeneratedDockerfile, RegistrySubstitutesEveryOccurrence) {
    EXPECT_EQ(qd::with_registry("FROM qemu/a\n# FROM qemu/b\n", "r.io/p"),
              "FROM r.io/p/qemu/a\n# FROM r.io/p/qemu/b\n");
    EXPECT_EQ(qd::with_registry("FROM debian\n", "r"), "FROM debian\n");
}

TEST(GeneratedDockerfile, ExtraFileNamesThatWouldBreakTheLabelAreRefused) {
    EXPECT_NO_THROW(qd::check_label_file_name("dir/file-1.2_x"));
    EXPECT_NO_THROW(qd::check_label_file_name("caf\u00e9.txt"));
    for (std::string bad : std::vector<std::string>{"a b", "a\nRUN x", "a\"", "a'", "a=b", "a$HOME",
                                                    "a\\", "a\tb", std::string("a\x7f"), "a\x1c"})
        EXPECT_THROW(qd::check_label_file_name(bad), qd::Error) << bad;
}

TEST(GeneratedDockerfile, ExtraFileNamesWithUnicodeWhitespaceAreRefused) {
    // Go's unicode.IsSpace, where the engines' parser splits a LABEL line
    for (const char* bad : {"a\u0085b", "a\u00a0b", "a\u1680b", "a\u2000b", "a\u200ab", "a\u2028b",
                            "a\u2029b", "a\u202fb", "a\u205fb", "a\u3000b"})
        EXPECT_THROW(qd::check_label_file_name(bad), qd::Error) << bad;
    try {
        qd::check_label_file_name("a\u00a0b");
        FAIL() << "no error";
    } catch (const qd::Error& e) {
        EXPECT_STREQ(e.what(), "--extra-files name \"a\\xa0b\" cannot be written into a LABEL "
                               "line (whitespace, quotes, '=', '$', '\\' and control characters "
                               "are refused)");
    }
}
