#include "qemu_docker/doctor/report.h"

#include <gtest/gtest.h>

using namespace qd;

namespace {

Report sample() {
    Report r;
    r.findings = {{Level::Ok, "podman", "podman is /usr/bin/podman", ""},
                  {Level::Fail, "docker version", "permission denied", "join the group"},
                  {Level::Warn, "binfmt_misc", "not mounted", ""}};
    r.engine = "podman";
    return r;
}

} // namespace

TEST(DoctorReport, AlignedTableWithFixesUnderTheirFinding) {
    EXPECT_EQ(report_table(sample(), false), "ok    podman          podman is /usr/bin/podman\n"
                                             "fail  docker version  permission denied\n"
                                             "                      fix: join the group\n"
                                             "warn  binfmt_misc     not mounted\n");
}

TEST(DoctorReport, ColourOnlyOnTheLevel) {
    EXPECT_EQ(report_table(sample(), true),
              "\033[32mok  \033[0m  podman          podman is /usr/bin/podman\n"
              "\033[31mfail\033[0m  docker version  permission denied\n"
              "                      fix: join the group\n"
              "\033[33mwarn\033[0m  binfmt_misc     not mounted\n");
}

TEST(DoctorReport, Json) {
    EXPECT_EQ(report_json(sample()), R"({
  "engine": "podman",
  "checks": [
    {
      "level": "ok",
      "check": "podman",
      "detail": "podman is /usr/bin/podman",
      "fix": ""
    },
    {
      "level": "fail",
      "check": "docker version",
      "detail": "permission denied",
      "fix": "join the group"
    },
    {
      "level": "warn",
      "check": "binfmt_misc",
      "detail": "not mounted",
      "fix": ""
    }
  ]
}
)");
    Report none;
    none.findings = {{Level::Fail, "engine", "bad \xff bytes", ""}};
    EXPECT_EQ(report_json(none), "{\n  \"engine\": null,\n  \"checks\": [\n    {\n      \"level\": "
                                 "\"fail\",\n      \"check\": \"engine\",\n      \"detail\": \"bad "
                                 "\xef\xbf\xbd bytes\",\n      \"fix\": \"\"\n    }\n  ]\n}\n");
}
