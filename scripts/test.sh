#!/bin/bash
# Set up everything the tests need on a fresh Debian 12 machine (packages,
# podman, a private dockerd, a registry, binfmt_misc), build qemu-docker and
# run every test: unit, conformance, differential and end-to-end on the real
# engines; then the unit, conformance and differential suites again under
# AddressSanitizer + UBSan.  The engines it started are stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
# Also when setup-engines.sh fails half-way, after starting dockerd.
trap 'scripts/stop-engines.sh' EXIT
scripts/setup-engines.sh
. scripts/engines-env.sh
export QD_E2E_REQUIRE_ENGINES=1

cmake --preset dev >/dev/null
cmake --build --preset dev
ctest --preset dev -j2

cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan -j2 -L 'unit|conformance|differential|fault'
