#!/bin/bash
# scripts/test-summary.py, the guard at the end of scripts/test.sh: in a
# scratch CMake project, a GoogleTest test that calls GTEST_SKIP and a
# script that exits 77 are counted as skipped, and with CI=true they turn
# the run red; a failing test does so always.
#   test-summary-test.sh SOURCE_DIR
set -uo pipefail
src=$1
# shellcheck source=tests/contrib/check.sh
. "$src/tests/contrib/check.sh"
summary=$src/scripts/test-summary.py
tmp=$(mktemp -d /tmp/qd-test-summary.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.25)
project(scratch CXX)
enable_testing()
find_package(GTest REQUIRED)
include(GoogleTest)
add_executable(scratch_tests scratch_test.cpp)
target_link_libraries(scratch_tests PRIVATE GTest::gtest_main)
gtest_discover_tests(scratch_tests TEST_PREFIX "unit." PROPERTIES LABELS unit)
add_test(NAME e2e.passes COMMAND true)
add_test(NAME e2e.skips COMMAND sh -c "exit 77")
set_tests_properties(e2e.passes e2e.skips PROPERTIES LABELS e2e SKIP_RETURN_CODE 77)
add_test(NAME fault.fails COMMAND false)
set_tests_properties(fault.fails PROPERTIES LABELS fault)
EOF
cat >"$tmp/scratch_test.cpp" <<'EOF'
#include <gtest/gtest.h>
TEST(Scratch, Passes) { EXPECT_EQ(1, 1); }
TEST(Scratch, AlsoPasses) { EXPECT_EQ(2, 2); }
TEST(Scratch, Skips) { GTEST_SKIP() << "deliberately"; }
EOF
if ! cmake -S "$tmp" -B "$tmp/build" -G Ninja >"$tmp/log" 2>&1 ||
    ! cmake --build "$tmp/build" >>"$tmp/log" 2>&1; then
    cat "$tmp/log"
    exit 1
fi
# The suites' seconds vary with the machine: N, once they are a number.
seconds() { sed -E 's/\([0-9]+ s\)$/(N s)/'; }
(cd "$tmp/build" && ctest -L 'unit|e2e' --output-junit "$tmp/skips.xml" >/dev/null 2>&1)
(cd "$tmp/build" && ctest -L fault --output-junit "$tmp/fails.xml" >/dev/null 2>&1)

out=$(env -u CI "$summary" "$tmp/skips.xml" 2>&1 | seconds)
check "without CI=true, skips are counted and the run passes: exit" 0 $?
check "without CI=true: one line per suite, then the total" "unit: 2 passed, 0 failed, 1 skipped (N s)
e2e: 1 passed, 0 failed, 1 skipped (N s)
3 passed, 0 failed" "$out"

out=$(CI=true "$summary" "$tmp/skips.xml" 2>&1 | seconds)
check "with CI=true, a skip turns the run red: exit" 1 $?
check "with CI=true: the lines and why" "unit: 2 passed, 0 failed, 1 skipped (N s)
e2e: 1 passed, 0 failed, 1 skipped (N s)
3 passed, 0 failed
2 skipped with CI=true: every test must run" "$out"

out=$(env -u CI "$summary" "$tmp/skips.xml" "$tmp/fails.xml" 2>&1 | seconds)
check "a failure turns the run red: exit" 1 $?
check "a failure: counted in its suite and the total" "unit: 2 passed, 0 failed, 1 skipped (N s)
e2e: 1 passed, 0 failed, 1 skipped (N s)
fault: 0 passed, 1 failed, 0 skipped (N s)
3 passed, 1 failed" "$out"

out=$(env -u CI "$summary" "$tmp/skips.xml" "$tmp/absent.xml" 2>&1 | seconds)
check "a suite without results turns the run red: exit" 1 $?
check "a suite without results: named" "test-summary.py: error: $tmp/absent.xml: [Errno 2] No such file or directory: '$tmp/absent.xml'
unit: 2 passed, 0 failed, 1 skipped (N s)
e2e: 1 passed, 0 failed, 1 skipped (N s)
$tmp/absent.xml: 0 passed, 0 failed, 0 skipped, 1 not run (N s)
3 passed, 1 failed" "$out"
checks_done
