# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash disable=SC2154 # $root, $engines: set by the script that sources this
# What the bench scripts share; sourced, with $root (the project) set.

# bench_qemu_docker: sets qd to $QD_BIN, else to a Release build in
# build/bench (with the compile agent beside it), and points docker.py's
# shim at it; then the engines' environment unless one is set already.
bench_qemu_docker() {
    qd=${QD_BIN:-}
    if [ -z "$qd" ]; then
        cmake -S "$root" -B "$root/build/bench" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
        cmake --build "$root/build/bench" --target qemu-docker qemu-docker-cc-agent >/dev/null
        qd=$root/build/bench/qemu-docker
    fi
    export QEMU_DOCKER=$qd
    # shellcheck source=/dev/null
    [ -n "${DOCKER_HOST:-}" ] || . "$root/scripts/engines-env.sh"
}

# bench_workdir NAME: sets work to a new directory, removed on exit after
# `clean` on each of $engines (no warm container outlives the bench).
bench_workdir() {
    work=$(mktemp -d "/tmp/$1.XXXXXX")
    trap bench_cleanup EXIT
}
bench_cleanup() {
    for e in $engines; do "$qd" --engine "$e" clean >/dev/null 2>&1 || true; done
    rm -rf "$work"
}
