#include "qemu_docker/util/environment.h"

#include <algorithm>
#include <cstdlib>
#include <gtest/gtest.h>

namespace {

TEST(Environment, SplitsAtTheFirstEquals) {
    ::setenv("QD_ENVIRONMENT_TEST", "a=b=c", 1);
    auto variables = qd::environment_variables();
    auto found = std::ranges::find(variables, std::string_view("QD_ENVIRONMENT_TEST"),
                                   &qd::EnvironmentVariable::name);
    ASSERT_NE(found, variables.end());
    EXPECT_EQ(found->value, "a=b=c");
    EXPECT_EQ(found->entry, "QD_ENVIRONMENT_TEST=a=b=c");
    ::unsetenv("QD_ENVIRONMENT_TEST");
}

} // namespace
