#!/bin/bash
# Set up everything the tests need on a fresh Debian 12 machine (packages,
# podman, a private dockerd, a registry, binfmt_misc), build qemu-docker and
# run every test, with CI=true, so that a test whose precondition is missing
# fails instead of skipping:
# - the dev build (g++) of qemu-docker, its man page and changelog, for the
#   end-to-end scenarios on the real engines, which run in the background
#   meanwhile (the test programs are built, with -Werror, by clang below);
# - the asan build (clang, AddressSanitizer + UBSan on qemu-docker's code):
#   the unit, conformance, differential and fault suites (again with the
#   probe cache off where a record can change an answer), then each fuzz
#   target for 20 seconds.
# It ends with one line per suite and the total (scripts/test-summary.py,
# from the JUnit files in build/test-results/) and fails when a test failed,
# did not run or was skipped.  The engines it started are stopped at the end.
# The engines, the test user, the binfmt_misc entries and the e2e image names
# are the machine's, so a second test.sh waits until the first has stopped
# them (scripts/state-lock.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/state-lock.sh

results=$PWD/build/test-results
failed=0
e2e_job=

# phase NAME CMD...: runs CMD and says how long it took; its status.
phase() {
    local name=$1 start=$SECONDS status=0
    shift
    "$@" || status=$?
    echo "test.sh: $name: $((SECONDS - start)) s" | tee -a "$results/times"
    return $status
}

# The e2e scenarios share the engines, one at a time; their output goes to
# a file and is shown when they are done.
e2e() {
    ctest --preset dev -L e2e --output-junit "$results/e2e.xml" >"$results/e2e.log" 2>&1
}

# On the way out (also on Ctrl-C or a failure): the e2e scenarios still
# running end (SIGTERM to their process group: each cleans up after itself
# while the engines still run), then the engines stop.
finish() {
    if [ -n "$e2e_job" ]; then
        kill -TERM -- "-$e2e_job" 2>/dev/null || true
        wait "$e2e_job" 2>/dev/null || true
    fi
    scripts/stop-engines.sh 9>&-
}

run_all() {
    rm -rf "$results"
    mkdir -p "$results"
    # The differential suite, a unit test and e2e 01 and 10 compare with it.
    local reference=${REFERENCE_DOCKER_PY:-$PWD/../shared/reference/docker.py}
    [ -r "$reference" ] ||
        echo "test.sh: no reference docker.py at $reference (set REFERENCE_DOCKER_PY): the tests that compare with it will fail" >&2
    phase "packages" scripts/install-deps.sh
    # Also when setup-engines.sh fails half-way, after starting dockerd.
    trap finish EXIT
    phase "engines" scripts/setup-engines.sh
    . scripts/engines-env.sh
    export CI=true QD_E2E_REQUIRE_ENGINES=1

    cmake --preset dev >/dev/null
    phase "dev build of qemu-docker" cmake --build --preset dev --target qemu-docker \
        qemu-docker-cc-agent man changelog
    # In a process group of its own (set -m), which finish can end.
    set -m
    phase "e2e" e2e &
    e2e_job=$!
    set +m

    cmake --preset asan >/dev/null
    phase "asan build" cmake --build --preset asan || failed=1
    phase "unit, conformance, differential, fault" ctest --preset asan -j2 \
        -L 'unit|conformance|differential|fault' --output-junit "$results/suites.xml" || failed=1
    phase "fuzz" ctest --preset asan -j2 -L fuzz --output-junit "$results/fuzz.xml" || failed=1

    wait "$e2e_job" || failed=1
    e2e_job=
    cat "$results/e2e.log"
    echo
    cat "$results/times"
    scripts/test-summary.py "$results"/{e2e,suites,fuzz}.xml || failed=1
    return $failed
}

with_state_lock test.sh run_all
