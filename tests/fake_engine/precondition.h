// A test that needs something of the machine it runs on (root, a binfmt_misc
// entry, a passwd entry or none) skips without it, and ctest reports it as
// skipped.  In CI (CI=true) the machine is set up for every test, so there
// a missing precondition fails the test instead.
#pragma once

#include <cstdlib>
#include <gtest/gtest.h>
#include <string_view>

namespace fake_engine {

inline bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci != nullptr && std::string_view(ci) == "true";
}

} // namespace fake_engine

// Ends the test: skipped, or failed under CI=true; MESSAGE is a << chain.
#define PRECONDITION_MISSING(message)                                                              \
    do {                                                                                           \
        if (::fake_engine::in_ci())                                                                \
            FAIL() << "missing precondition (CI=true): " << message;                               \
        GTEST_SKIP() << message;                                                                   \
    } while (false)
