#!/bin/bash
# qemu-docker's main job on a fresh Debian 12 machine, offline but for
# Debian's mirror: install what is needed, build qemu-docker, build the
# image qemu/debian-bootstrap from dockerfiles/ (debootstrap, no registry)
# with podman, and run a command in it.  The daemons setup-engines.sh
# starts for the tests (a private dockerd, a registry) are stopped at the
# end; a scripts/test.sh running meanwhile is waited for (state-lock.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/state-lock.sh

quickstart() {
    scripts/install-deps.sh
    # Also when setup-engines.sh fails half-way, after starting dockerd.
    trap 'scripts/stop-engines.sh >/dev/null 9>&-' EXIT
    scripts/setup-engines.sh
    . scripts/engines-env.sh
    cmake --preset release >/dev/null
    cmake --build --preset release

    local qemu_docker=build/release/qemu-docker
    $qemu_docker --engine podman build -t qemu/debian-bootstrap -f dockerfiles/debian-bootstrap.docker
    $qemu_docker --engine podman run qemu/debian-bootstrap cat /etc/debian_version
}

with_state_lock quickstart.sh quickstart
