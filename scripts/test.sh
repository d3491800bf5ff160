#!/bin/bash
# Set up everything the tests need on a fresh Debian 12 machine (packages,
# podman, a private dockerd, a registry, binfmt_misc), build qemu-docker and
# run every test: unit, conformance, differential and end-to-end on the real
# engines (conformance and differential with the probe cache on and off);
# then the unit, conformance, differential and fault suites again under
# AddressSanitizer + UBSan; then each fuzz target for 20 seconds.  The
# engines it started are stopped at the end.
# The engines, the test user, the binfmt_misc entries and the e2e image names
# are the machine's, so a second test.sh waits until the first has stopped
# them (scripts/state-lock.sh).  With CI=true, a test whose precondition is
# missing fails instead of skipping.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/state-lock.sh

run_all() {
    scripts/install-deps.sh
    # Also when setup-engines.sh fails half-way, after starting dockerd.
    trap 'scripts/stop-engines.sh 9>&-' EXIT
    scripts/setup-engines.sh
    . scripts/engines-env.sh
    export QD_E2E_REQUIRE_ENGINES=1

    cmake --preset dev >/dev/null
    cmake --build --preset dev
    ctest --preset dev -j2

    cmake --preset asan >/dev/null
    cmake --build --preset asan
    # The suites once, with the probe cache on (the dev run has both ways).
    ctest --preset asan -j2 -L 'unit|conformance|differential|fault' -LE nocache

    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz
    ctest --preset fuzz -j2 -L fuzz
}

with_state_lock test.sh run_all
