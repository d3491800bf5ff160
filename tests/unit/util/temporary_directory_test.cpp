#include "qemu_docker/util/error.h"
#include "qemu_docker/util/temporary_directory.h"
#include "temp_dir.h"

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <optional>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using Dirs = std::vector<std::string>;

// getenv over a fixed environment.
auto environment(std::map<std::string, std::string> env) {
    return [env = std::move(env)](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    };
}

TEST(TemporaryDirectoryCandidates, PythonTempfileOrder) {
    EXPECT_EQ(qd::temporary_directory_candidates(
                  environment({{"TMPDIR", "/a"}, {"TEMP", "/b"}, {"TMP", "/c"}, {"TEMPDIR", "/d"}}),
                  "/work"),
              (Dirs{"/a", "/b", "/c", "/tmp", "/var/tmp", "/usr/tmp", "/work"}));
    EXPECT_EQ(qd::temporary_directory_candidates(environment({}), "/work"),
              (Dirs{"/tmp", "/var/tmp", "/usr/tmp", "/work"}));
}

TEST(TemporaryDirectoryCandidates, EmptyValuesAreSkipped) {
    EXPECT_EQ(
        qd::temporary_directory_candidates(environment({{"TMPDIR", ""}, {"TMP", "/c"}}), "/w"),
        (Dirs{"/c", "/tmp", "/var/tmp", "/usr/tmp", "/w"}));
}

TEST(TemporaryDirectoryCandidates, MadeAbsoluteAndNormalised) {
    EXPECT_EQ(qd::temporary_directory_candidates(
                  environment({{"TMPDIR", "../t/"}, {"TEMP", "/a/./b//c/"}, {"TMP", "."}}), "/w/x"),
              (Dirs{"/w/t", "/a/b/c", "/w/x", "/tmp", "/var/tmp", "/usr/tmp", "/w/x"}));
}

TEST(FirstWritableDirectory, TriesEachByWritingAFile) {
    qd::test::TempDir scratch;
    auto file = scratch.write("a-file", "x").string();
    std::string missing = (scratch.path() / "missing").string(), usable = scratch.path().string();
    EXPECT_EQ(qd::first_writable_directory({missing, file, file + "/sub", usable}), usable);
    EXPECT_EQ(std::distance(fs::directory_iterator(scratch.path()), fs::directory_iterator()), 1)
        << "the probe file was left";
    try {
        qd::first_writable_directory({missing, file});
        ADD_FAILURE() << "no error";
    } catch (const qd::Error& e) {
        EXPECT_EQ(e.what(), "no usable temporary directory in " + missing + ", " + file);
    }
}

// Sets an environment variable for a scope.
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const std::string& value) : name_(name) {
        if (const char* old = std::getenv(name))
            old_ = old;
        ::setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (old_)
            ::setenv(name_, old_->c_str(), 1);
        else
            ::unsetenv(name_);
    }

  private:
    const char* name_;
    std::optional<std::string> old_;
};

TEST(TemporaryDirectory, SkipsMissingAndUnwritableCandidates) {
    qd::test::TempDir scratch;
    auto file = scratch.write("a-file", "x");
    fs::create_directory(scratch.path() / "usable");
    ScopedEnv tmpdir("TMPDIR", (scratch.path() / "missing").string());
    ScopedEnv temp("TEMP", (file / "sub").string());
    ScopedEnv tmp("TMP", (scratch.path() / "usable").string());
    fs::path made;
    {
        qd::TemporaryDirectory dir("qd_test");
        made = dir.path();
        EXPECT_EQ(made.parent_path(), scratch.path() / "usable");
        EXPECT_TRUE(made.filename().string().starts_with("qd_test"));
        EXPECT_TRUE(fs::is_directory(made));
    }
    EXPECT_FALSE(fs::exists(made));
    EXPECT_TRUE(fs::is_empty(scratch.path() / "usable")); // the probe file is gone too
}

// Makes a directory whose entries cannot be removed (as another user than
// root where we are root), and ends the process, whose stderr the death test
// reads.
[[noreturn]] void leave_an_unremovable_directory(const fs::path& parent) {
    if (::geteuid() == 0 &&
        (::setresgid(65534, 65534, 65534) != 0 || ::setresuid(65534, 65534, 65534) != 0))
        std::exit(2);
    ScopedEnv tmpdir("TMPDIR", parent.string());
    {
        qd::TemporaryDirectory dir("qd_test");
        fs::create_directory(dir.path() / "locked");
        std::ofstream(dir.path() / "locked/file") << "x";
        fs::permissions(dir.path() / "locked", fs::perms::owner_read | fs::perms::owner_exec);
    }
    std::exit(0);
}

TEST(TemporaryDirectoryDeathTest, ARemovalFailureIsAWarning) {
    qd::test::TempDir scratch;
    fs::permissions(scratch.path(), fs::perms::all); // for the other user
    EXPECT_EXIT(leave_an_unremovable_directory(scratch.path()), testing::ExitedWithCode(0),
                "^qemu-docker: warning: cannot remove the temporary directory " +
                    scratch.path().string() + "/qd_test[A-Za-z0-9]{6}: Permission denied\n$");
    for (const auto& entry : fs::recursive_directory_iterator(scratch.path()))
        if (entry.is_directory())
            fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add);
}

} // namespace
