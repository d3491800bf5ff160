#!/bin/bash
# qemu-docker's main job on a fresh Debian 12 machine, as root, offline but
# for Debian's mirror: install only what the job needs (install-deps.sh
# main), write podman's configuration into build/quickstart/ (never /etc),
# build the release binary without the tests, build the image
# qemu/debian-bootstrap from dockerfiles/ (debootstrap, no registry) with
# podman, and run a command in it.  It starts no daemon, adds no user and
# leaves /etc/subuid and binfmt_misc alone.  It leaves behind: the packages,
# build/release and build/quickstart, the image in podman's storage
# (/var/lib/containers) and debootstrap's tarball in
# /var/cache/qemu-docker/debootstrap.  A scripts/test.sh running meanwhile
# is waited for (state-lock.sh): both use root's podman storage.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/state-lock.sh

quickstart() {
    scripts/install-deps.sh main
    scripts/podman-conf.sh build/quickstart/containers.conf
    export CONTAINERS_CONF=$PWD/build/quickstart/containers.conf
    cmake --preset release >/dev/null
    cmake --build --preset release

    local qemu_docker=build/release/qemu-docker
    $qemu_docker --engine podman build -t qemu/debian-bootstrap -f dockerfiles/debian-bootstrap.docker
    $qemu_docker --engine podman run qemu/debian-bootstrap cat /etc/debian_version
}

with_state_lock quickstart.sh quickstart
