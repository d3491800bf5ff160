#include "qemu_docker/image/dockerfile_checksum.h"
#include "qemu_docker/util/error.h"
#include "temp_dir.h"

#include <cstdio>
#include <cstdlib>
#include <gtest/gtest.h>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using qd::test::TempDir;

struct Case {
    const char* name;
    std::string text;                           // the dockerfile's bytes
    std::map<std::string, std::string> parents; // file stem -> bytes of <stem>.docker
    const char* sha1; // computed by the reference docker.py (see ReferenceAgrees)
};

// One case per rule of docker.py's _dockerfile_preprocess and _read_dockerfile.
// Parent stems are unique across the corpus so that all fit in one directory.
const std::vector<Case>& corpus() {
    static const std::vector<Case> cases = {
        {"crlf",
         "FROM debian:12\r\nRUN apt-get update \\\r\n    && true\r\n\r\n",
         {},
         "7b336925e72a6607e22b87ef0da33c382520b43b"},
        {"lone_cr",
         "FROM alpine\rRUN true\r\r  \rENV A=1\r",
         {},
         "7305d9caa43a2649d314cd9efba57697f4a76cc7"},
        {"cr_then_crlf", "A\r\r\nB\n\rC", {}, "a4f3c4f6fb6ac5ffffe009c9d26a33c875d240f3"},
        {"form_feed", "RUN a\fRUN b\f\fRUN c\n", {}, "93be4258d6dfc1e878048ee6c13653f4bf1663fc"},
        {"vertical_tab", "RUN a\vRUN b\n\v\n", {}, "6299054988098d1df8d315d67a81c5b94ea76aa7"},
        {"file_separators",
         "RUN a\x1c"
         "RUN b\x1d"
         "RUN c\x1e"
         "RUN d\n\x1f\nRUN e\x1f"
         "f\n",
         {},
         "8ad64afb885c58cdac8864ef20ce6487ef1a2db5"},
        {"next_line",
         "RUN a\xc2\x85RUN b\n\xc2\x85\n",
         {},
         "6299054988098d1df8d315d67a81c5b94ea76aa7"},
        {"line_and_paragraph_separators",
         "RUN a\u2028RUN b\u2029RUN c\n\u2028\u2029",
         {},
         "93be4258d6dfc1e878048ee6c13653f4bf1663fc"},
        {"nbsp_lines",
         "RUN a\n\u00a0\u00a0\nRUN b\n \t \n\u00a0RUN c\u00a0\n",
         {},
         "8e6511413f03d5686077487403a8a117c3578ec0"},
        {"unicode_space_lines",
         "RUN a\n\u3000\n\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\n"
         "\u1680\n\u202f\u205f \t\nRUN b\n",
         {},
         "6299054988098d1df8d315d67a81c5b94ea76aa7"},
        {"not_spaces",
         "RUN a\n\u200b\n\ufeff\n\u180e\nRUN b\n",
         {},
         "5833b993dedd91c317b64712534d401d4aa1572a"},
        {"bom",
         "\ufeffFROM qemu/bom-never-read\n\ufeff# not a comment\nRUN x\n",
         {},
         "b23d357d1ac12e72cc69855e9a3c56576fee1915"},
        {"comments",
         "# top\n#\n  # indented stays\n\t# tab-indented stays\nRUN x # trailing\n"
         "#FROM qemu/comment-never-read\n",
         {},
         "02d897977c89417e5143b4680b61a780a5faf1bb"},
        {"no_final_newline",
         "FROM debian:12\nRUN x",
         {},
         "9ed7da932643bd16d492acaf92a27fc29af94390"},
        {"empty", "", {}, "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
        {"only_blank_lines", "\n\n  \n\t\n", {}, "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
        {"indented_from_kept",
         "  FROM qemu/x\nFROM  qemu/x\nfrom qemu/x\nFROM qemu:x\n",
         {},
         "9f44f32dec08134101a292596a0f926b06acda75"},
        {"two_level_chain",
         "RUN before\nFROM qemu/chain-mid\nRUN main\n",
         {{"chain-mid", "# mid\r\nFROM qemu/chain-base\r\nRUN mid\r\n"},
          {"chain-base", "FROM debian:12\n\nRUN base"}},
         "1a2b47888117ad93a2fda86d58fc8a70c9c624d2"},
        {"debian_user_uses_bootstrap",
         "FROM qemu/debian-armhf-user\nRUN z\n",
         {{"debian-bootstrap", "FROM scratch\nADD . /\n"}},
         "d6d81a2fac11bd5d63b330649a4066041787a910"},
        {"debian_not_ending_in_user",
         "FROM qemu/debian-user2\n",
         {{"debian-user2", "FROM debian:11\n"}},
         "60297d9734eebbedf01c4ddafade609deb5fe955"},
        {"trailing_text_after_parent_name",
         "FROM qemu/base-ts  \nFROM qemu/debian10-user \nFROM qemu/named AS build\n",
         {{"base-ts  ", "RUN ts\n"},
          {"debian10-user ", "RUN not-bootstrap\n"},
          {"named AS build", "RUN named\n"}},
         "ccf921a3d4a5dcb1775a07da78a1e0e0c9584a06"},
        {"parent_with_bom_and_crlf",
         "FROM qemu/bom-crlf\nRUN child\n",
         {{"bom-crlf", "\ufeffFROM x\r\n\r\nRUN y\r\n"}},
         "2eeedc53f1351333f9ca32e96c0922c3539b2598"},
    };
    return cases;
}

const Case& find_case(std::string_view name) {
    for (const auto& c : corpus())
        if (c.name == name)
            return c;
    throw std::logic_error("no case " + std::string(name));
}

// The pure path: parents come from the case's map, decoded as files would be.
std::string checksum_from_memory(const Case& c) {
    const qd::ParentLoader loader = [&](const std::string& stem) {
        const auto it = c.parents.find(stem);
        if (it == c.parents.end())
            throw qd::Error("no parent " + stem);
        return qd::decode_dockerfile_text(it->second, stem);
    };
    return qd::dockerfile_checksum(qd::decode_dockerfile_text(c.text, c.name), loader);
}

// Writes every case and parent into `dir`; returns the cases' paths.
std::vector<std::filesystem::path> write_corpus(const TempDir& dir, const std::string& sub) {
    std::vector<std::filesystem::path> paths;
    for (const auto& c : corpus()) {
        paths.push_back(dir.write(sub + "/case-" + c.name + ".docker", c.text));
        for (const auto& [stem, bytes] : c.parents)
            dir.write(sub + "/" + stem + ".docker", bytes);
    }
    return paths;
}

TEST(DockerfileChecksum, CorpusMatchesReferenceValues) {
    for (const auto& c : corpus())
        EXPECT_EQ(checksum_from_memory(c), c.sha1) << "case " << c.name;
}

TEST(DockerfileChecksum, CorpusFromFilesMatchesReferenceValues) {
    const TempDir dir;
    const auto paths = write_corpus(dir, "dockerfiles");
    for (std::size_t i = 0; i < paths.size(); ++i)
        EXPECT_EQ(qd::dockerfile_checksum_of_file(paths[i]), corpus()[i].sha1)
            << "case " << corpus()[i].name;
}

TEST(DockerfileChecksum, PreprocessInlinesParentsAndDropsBlankAndCommentLines) {
    const auto& c = find_case("two_level_chain");
    const qd::ParentLoader loader = [&](const std::string& stem) {
        return qd::decode_dockerfile_text(c.parents.at(stem), stem);
    };
    EXPECT_EQ(qd::preprocess_dockerfile(c.text, loader),
              "RUN before\nFROM debian:12\nRUN base\nRUN mid\nRUN main\n");
}

TEST(DockerfileChecksum, PreprocessSplitsLikePythonSplitlines) {
    const qd::ParentLoader none = [](const std::string&) -> std::string { throw qd::Error("x"); };
    EXPECT_EQ(qd::preprocess_dockerfile("a\r\nb\rc\vd\fe\x1c"
                                        "f\xc2\x85g\u2028h\u2029i\x1fj",
                                        none),
              "a\nb\nc\nd\ne\nf\ng\nh\ni\x1fj\n");
}

TEST(DockerfileChecksum, ParentStem) {
    EXPECT_EQ(qd::parent_dockerfile_stem("debian-armhf-user"), "debian-bootstrap");
    EXPECT_EQ(qd::parent_dockerfile_stem("debianuser"), "debian-bootstrap");
    EXPECT_EQ(qd::parent_dockerfile_stem("debian10-user "), "debian10-user ");
    EXPECT_EQ(qd::parent_dockerfile_stem("ubuntu-user"), "ubuntu-user");
    EXPECT_EQ(qd::parent_dockerfile_stem("debian11"), "debian11");
}

TEST(DockerfileChecksum, InvalidUtf8Throws) {
    const char* bad[] = {"\xff",
                         "\xc0\x80",
                         "\xc1\xbf",
                         "\xe0\x9f\xbf",
                         "\xed\xa0\x80",
                         "\xf0\x8f\xbf\xbf",
                         "\xf4\x90\x80\x80",
                         "\xe2\x80",
                         "\x80",
                         "ok\xf5\x80\x80\x80",
                         "\xf8\x88\x80\x80\x80"};
    for (const char* bytes : bad) {
        try {
            qd::decode_dockerfile_text(bytes, "some.docker");
            ADD_FAILURE() << "accepted " << bytes;
        } catch (const qd::Error& e) {
            EXPECT_NE(std::string(e.what()).find("some.docker is not valid UTF-8"),
                      std::string::npos)
                << e.what();
        }
    }
    EXPECT_THROW(qd::decode_dockerfile_text("ok\xf5", "x"), qd::Error);
}

TEST(DockerfileChecksum, ValidUtf8EdgesAccepted) {
    const std::string good[] = {
        "\xf4\x8f\xbf\xbf", "\xef\xbf\xbf",     "\xed\x9f\xbf", std::string(1, '\0'),
        "\xee\x80\x80",     "\xf0\x90\x80\x80", "\xc2\x80"};
    for (const auto& bytes : good)
        EXPECT_EQ(qd::decode_dockerfile_text(bytes, "x"), bytes);
}

TEST(DockerfileChecksum, InvalidUtf8FileNamedInError) {
    const TempDir dir;
    const auto path = dir.write("bad.docker", "FROM x\n\xff\n");
    try {
        qd::read_dockerfile_text(path);
        FAIL() << "no error";
    } catch (const qd::Error& e) {
        EXPECT_EQ(std::string(e.what()),
                  path.string() + " is not valid UTF-8: byte 0xff at offset 7");
    }
}

TEST(DockerfileChecksum, ReadNormalisesNewlines) {
    const TempDir dir;
    EXPECT_EQ(qd::read_dockerfile_text(dir.write("a.docker", "\ufeffA\r\nB\rC\n\r")),
              "\ufeffA\nB\nC\n\n");
}

TEST(DockerfileChecksum, MissingParentNamesFileAndFromLine) {
    const TempDir dir;
    const auto path = dir.write("d/child.docker", "RUN x\nFROM qemu/absent \n");
    try {
        qd::dockerfile_checksum_of_file(path);
        FAIL() << "no error";
    } catch (const qd::Error& e) {
        EXPECT_EQ(std::string(e.what()), "cannot read " +
                                             (dir.path() / "d/absent .docker").string() +
                                             ": No such file or directory (needed by \"FROM "
                                             "qemu/absent \")");
    }
}

TEST(DockerfileChecksum, ParentCycleThrows) {
    const qd::ParentLoader loop = [](const std::string&) { return std::string("FROM qemu/me\n"); };
    EXPECT_THROW(qd::preprocess_dockerfile("FROM qemu/me\n", loop), qd::Error);
}

std::filesystem::path reference_docker_py() {
    if (const char* env = std::getenv("REFERENCE_DOCKER_PY"))
        return env;
    return REFERENCE_DOCKER_PY_DEFAULT;
}

// Recomputes the corpus with the reference itself: the hard-coded values stay honest.
TEST(DockerfileChecksum, ReferenceAgrees) {
    const auto ref = reference_docker_py();
    if (!std::filesystem::exists(ref) || !std::filesystem::exists("/usr/bin/python3")) {
        const char* ci = std::getenv("CI"); // there the machine has both: fail
        if (ci && std::string_view(ci) == "true")
            FAIL() << "reference " << ref << " or /usr/bin/python3 absent (CI=true)";
        GTEST_SKIP() << "reference " << ref << " or /usr/bin/python3 absent";
    }
    const TempDir dir;
    std::filesystem::copy_file(ref, dir.path() / "docker.py");
    const auto paths = write_corpus(dir, "dockerfiles");
    std::string cmd = "/usr/bin/python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); "
                      "import docker as d\nfor p in sys.argv[2:]: "
                      "print(d._text_checksum(d._dockerfile_preprocess(d._read_dockerfile(p))))' " +
                      dir.path().string();
    for (const auto& p : paths)
        cmd += " '" + p.string() + "'";
    FILE* pipe = ::popen(cmd.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;)
        out.append(buf, n);
    ASSERT_EQ(::pclose(pipe), 0) << out;
    std::istringstream lines(out);
    for (const auto& c : corpus()) {
        std::string line;
        ASSERT_TRUE(std::getline(lines, line)) << "no checksum for case " << c.name;
        EXPECT_EQ(line, c.sha1) << "case " << c.name;
    }
}

} // namespace
