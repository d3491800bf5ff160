#include "qemu_docker/image/ldd_output.h"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace {

using Libs = std::vector<std::string>;

// Outputs captured from `ldd` on Debian 12 (x86_64); the expected lists are
// what docker.py's regex gives on them (checked with /usr/bin/python3).

TEST(ParseLddOutput, Ls) {
    const char* out =
        "\tlinux-vdso.so.1 (0x00007f8384dc6000)\n"
        "\tlibselinux.so.1 => /lib/x86_64-linux-gnu/libselinux.so.1 (0x00007f8384d5f000)\n"
        "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f8384b7d000)\n"
        "\tlibpcre2-8.so.0 => /lib/x86_64-linux-gnu/libpcre2-8.so.0 (0x00007f8384ae3000)\n"
        "\t/lib64/ld-linux-x86-64.so.2 (0x00007f8384dc8000)\n";
    EXPECT_EQ(qd::parse_ldd_output(out),
              (Libs{"linux-vdso.so.1", "/lib/x86_64-linux-gnu/libselinux.so.1",
                    "/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libpcre2-8.so.0",
                    "/lib64/ld-linux-x86-64.so.2"}));
}

TEST(ParseLddOutput, Python) {
    const char* out =
        "\tlinux-vdso.so.1 (0x00007fc1e8bf1000)\n"
        "\tlibm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x00007fc1e8afe000)\n"
        "\tlibz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x00007fc1e8adf000)\n"
        "\tlibexpat.so.1 => /lib/x86_64-linux-gnu/libexpat.so.1 (0x00007fc1e8ab4000)\n"
        "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007fc1e88d2000)\n"
        "\t/lib64/ld-linux-x86-64.so.2 (0x00007fc1e8bf3000)\n";
    EXPECT_EQ(qd::parse_ldd_output(out),
              (Libs{"linux-vdso.so.1", "/lib/x86_64-linux-gnu/libm.so.6",
                    "/lib/x86_64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libexpat.so.1",
                    "/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"}));
}

TEST(ParseLddOutput, SshKeepsLddOrder) {
    const char* out =
        "\tlinux-vdso.so.1 (0x00007ff49e563000)\n"
        "\tlibselinux.so.1 => /lib/x86_64-linux-gnu/libselinux.so.1 (0x00007ff49e40b000)\n"
        "\tlibgssapi_krb5.so.2 => /lib/x86_64-linux-gnu/libgssapi_krb5.so.2 (0x00007ff49e3b8000)\n"
        "\tlibcrypto.so.3 => /lib/x86_64-linux-gnu/libcrypto.so.3 (0x00007ff49de00000)\n"
        "\tlibz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x00007ff49e399000)\n"
        "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007ff49dc1e000)\n"
        "\tlibpcre2-8.so.0 => /lib/x86_64-linux-gnu/libpcre2-8.so.0 (0x00007ff49e2fd000)\n"
        "\t/lib64/ld-linux-x86-64.so.2 (0x00007ff49e565000)\n"
        "\tlibkrb5.so.3 => /lib/x86_64-linux-gnu/libkrb5.so.3 (0x00007ff49db44000)\n"
        "\tlibk5crypto.so.3 => /lib/x86_64-linux-gnu/libk5crypto.so.3 (0x00007ff49e2d0000)\n"
        "\tlibcom_err.so.2 => /lib/x86_64-linux-gnu/libcom_err.so.2 (0x00007ff49e2ca000)\n"
        "\tlibkrb5support.so.0 => /lib/x86_64-linux-gnu/libkrb5support.so.0 (0x00007ff49e2bc000)\n"
        "\tlibkeyutils.so.1 => /lib/x86_64-linux-gnu/libkeyutils.so.1 (0x00007ff49e2b3000)\n"
        "\tlibresolv.so.2 => /lib/x86_64-linux-gnu/libresolv.so.2 (0x00007ff49e2a2000)\n";
    EXPECT_EQ(
        qd::parse_ldd_output(out),
        (Libs{"linux-vdso.so.1", "/lib/x86_64-linux-gnu/libselinux.so.1",
              "/lib/x86_64-linux-gnu/libgssapi_krb5.so.2", "/lib/x86_64-linux-gnu/libcrypto.so.3",
              "/lib/x86_64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libc.so.6",
              "/lib/x86_64-linux-gnu/libpcre2-8.so.0", "/lib64/ld-linux-x86-64.so.2",
              "/lib/x86_64-linux-gnu/libkrb5.so.3", "/lib/x86_64-linux-gnu/libk5crypto.so.3",
              "/lib/x86_64-linux-gnu/libcom_err.so.2", "/lib/x86_64-linux-gnu/libkrb5support.so.0",
              "/lib/x86_64-linux-gnu/libkeyutils.so.1", "/lib/x86_64-linux-gnu/libresolv.so.2"}));
}

TEST(ParseLddOutput, MissingLibraryIsSkipped) {
    const char* out = "\tlinux-vdso.so.1 (0x00007fcd62fd9000)\n"
                      "\tlibfoo.so => not found\n"
                      "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007fcd62ddf000)\n"
                      "\t/lib64/ld-linux-x86-64.so.2 (0x00007fcd62fdb000)\n";
    EXPECT_EQ(qd::parse_ldd_output(out), (Libs{"linux-vdso.so.1", "/lib/x86_64-linux-gnu/libc.so.6",
                                               "/lib64/ld-linux-x86-64.so.2"}));
}

TEST(ParseLddOutput, StaticExecutablesGiveNothing) {
    EXPECT_EQ(qd::parse_ldd_output("\tstatically linked\n"), Libs{});        // qemu-aarch64-static
    EXPECT_EQ(qd::parse_ldd_output("\tnot a dynamic executable\n"), Libs{}); // busybox
}

// Corner cases of the regex; expectations from Python's re.search.
TEST(ParseLddOutput, RegexCornerCases) {
    const struct {
        const char* out;
        Libs libs;
    } cases[] = {
        {"", {}},
        {"\n", {}},
        {"\tlibfoo.so =>  (0x00007f)", {""}},
        {"\ta => b => c (0x1)", {"c"}},
        {"\tx (:0x1f)", {"x"}},
        {"\tx (0xABC)", {}},
        {"\tx (0x)", {}},
        {" (0x1)", {""}},
        {"\tlib.so (0x1) trailing (0x2)", {"lib.so"}},
        {"\tlib\u3000x.so (0x1)", {"x.so"}},
        {"\tlibc.so.6 => /lib/libc.so.6 (0x1)\r", {"/lib/libc.so.6"}},
        {"\ta =>b (0x1)", {"=>b"}},
        {"\tx => y z (0x1)", {"z"}},
        {"\t\u03b1 => \u03b2 (0x1)", {"\u03b2"}},
        {"\tlib\u00a0x => /p\u00a0/q (0x1)", {"/q"}},
        {"\tx.so  (0x1)", {""}},
        {"\tx.so\t(0x1)", {}},
        {"\tx.so (0x1", {}},
        {"\tx.so (0x1f)\n\ty.so (0x2)\n", {"x.so", "y.so"}},
        {"x => (0x1)", {"=>"}},
        {"=> => (0x1)", {"=>"}},
    };
    for (const auto& c : cases)
        EXPECT_EQ(qd::parse_ldd_output(c.out), c.libs) << "ldd output: " << c.out;
}

} // namespace
