// As a user without a passwd entry, run from root with setpriv: docker.py
// dies in getpwuid where qemu-docker makes a name (D10); both add
// --userns=keep-id for this rootless podman.
#include "precondition.h"
#include "reference.h"

#include <filesystem>
#include <pwd.h>
#include <unistd.h>

namespace differential {
namespace {

constexpr unsigned kUid = 4242;
const char* const kSetpriv = "/usr/bin/setpriv";

class OtherUser : public EachEngine {
  protected:
    void SetUp() override {
        Differential::SetUp();
        if (IsSkipped())
            return;
        if (::geteuid() != 0 || !std::filesystem::exists(kSetpriv) || ::getpwuid(kUid))
            PRECONDITION_MISSING("needs root, " << kSetpriv << " and no passwd entry for uid "
                                                << kUid);
        std::string id = std::to_string(kUid);
        wrapper = {kSetpriv, "--reuid=" + id, "--regid=" + id, "--clear-groups"};
        shared = true;
    }
};

INSTANTIATE_TEST_SUITE_P(Engines, OtherUser, testing::ValuesIn(engines()), engine_name);

TEST_P(OtherUser, RunAsCurrentUserIsTheSame) {
    for (Args args :
         {Args{"run", "--run-as-current-user", "img"}, Args{"cc", "-i", "img", "x.c"}}) {
        auto b = both(Case("", json::object(), args), GetParam());
        allow_d5_keep_id(b, GetParam().podman, false); // rootless: only the question
        expect_same(b);
    }
}

TEST_P(OtherUser, D10_BuildAddsAUserWithoutAPasswdEntry) {
    auto b = both(Case("", json::object(),
                       {"build", "-t", "qemu/base", "-f", "../dockerfiles/base.docker", "-u"})
                      .with_dockerfiles()
                      .with_env("USER", "builder"),
                  GetParam());
    EXPECT_TRUE(has_traceback(b.ref)); // KeyError: 'getpwuid(): uid not found: 4242'
    EXPECT_EQ(b.ref.status, 1);
    EXPECT_EQ(b.qd.status, 0) << b.qd.err;
    auto df = b.qd.calls.back().dockerfile();
    EXPECT_NE(df.find("\nRUN id builder 2>/dev/null || useradd -u 4242 -U builder\n"),
              std::string::npos)
        << df;
}

TEST_P(OtherUser, D10_UpdateAddsAUserWithoutAPasswdEntry) {
    auto b = both(Case("", json::object(), {"update", "qemu/base", "-u"}), GetParam());
    EXPECT_TRUE(has_traceback(b.ref));
    EXPECT_EQ(b.ref.status, 1);
    EXPECT_EQ(b.ref.lines(), Lines{}); // it died before looking for an engine
    EXPECT_EQ(b.qd.status, 0) << b.qd.err;
    EXPECT_EQ(b.qd.calls.back().dockerfile(),
              "FROM qemu/base\n\nRUN id user4242 2>/dev/null || useradd -u 4242 -U user4242");
}

} // namespace
} // namespace differential
