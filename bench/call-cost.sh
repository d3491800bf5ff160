#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# What one tool call of a TCG test build costs beyond the compiler, piece
# by piece, in one hyperfine run per engine (podman as root, the private
# dockerd): the Python start that QEMU's `$python docker.py` pays on each
# call (`python3 -c pass`), the shim itself (`docker.py --version`, which
# replaces itself with qemu-docker), a warm `cc --cc true` (qemu-docker's
# start, probe cache, key, image check and the agent's fork and exec of
# `true` in the container), and a real compile (gcc -c of the tree's
# sha1.c) on the host and warm through the shim.  Also the whole machine's
# busy CPU time per call (from /proc/stat, so the daemon's and the
# container's share counts: the TCG build runs make -j2 on 2 CPUs), over
# RUNS calls in a row.  See bench/README.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
image=${QD_BENCH_CC_IMAGE:-qemu/qd-e2e-toolchain}
engines=${QD_BENCH_ENGINES:-podman docker}
runs=${RUNS:-30}
py=${QD_PYTHON:-/usr/bin/python3}

for tool in hyperfine jq gcc; do
    command -v "$tool" >/dev/null || { echo "call-cost.sh: needs $tool" >&2; exit 1; }
done
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
bench_qemu_docker
bench_workdir qd-call-cost
cp "$root/examples/qemu-tree/tests/tcg/sha1.c" "$root/examples/qemu-tree/tests/tcg/util.h" "$work/"
shim=$root/contrib/qemu/docker.py
cd "$work"

# busy_ms CMD...: the machine's busy CPU milliseconds per call of CMD.
busy() { awk '/^cpu /{print ($2 + $3 + $4 + $7 + $8) * 1000 / '"$(getconf CLK_TCK)"'}' /proc/stat; }
busy_ms() {
    local before after i
    before=$(busy)
    for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1 || { echo "call-cost.sh: failed: $*" >&2; exit 1; }; done
    after=$(busy)
    echo $(((${after%.*} - ${before%.*}) / runs))
}

compile=(-O2 -Wall -std=c11 -D_GNU_SOURCE -c sha1.c -o sha1.o)
echo "| engine | call | median wall ms | busy CPU ms per call |"
echo "| --- | --- | ---: | ---: |"
for engine in $engines; do
    cc=(cc -i "$image" -s "$root/examples" --cc)
    "$qd" --engine "$engine" "${cc[@]}" true -- >/dev/null ||
        { echo "call-cost.sh: $engine: the first cc failed" >&2; exit 1; }
    names=("python3 -c pass" "docker.py --version" "qemu-docker cc --cc true" "gcc -c sha1.c"
           "docker.py cc gcc -c sha1.c")
    lines=("$py -c pass"
           "$py $shim --version"
           "$qd --engine $engine ${cc[*]} true --"
           "gcc ${compile[*]}"
           "$py $shim --engine $engine ${cc[*]} gcc -- ${compile[*]}")
    cmds=()
    for i in "${!names[@]}"; do cmds+=(-n "${names[$i]}" "${lines[$i]}"); done
    hyperfine -N --warmup 3 --runs "$runs" --style none --export-json "$work/$engine.json" "${cmds[@]}" \
        >/dev/null 2>&1
    for i in "${!names[@]}"; do
        # shellcheck disable=SC2086 # the command line as hyperfine -N splits it
        cpu=$(busy_ms ${lines[$i]})
        wall=$(jq -r --arg n "${names[$i]}" '.results[] | select(.command == $n) | .median * 1000 | round' \
            "$work/$engine.json")
        echo "| $engine | ${names[$i]} | $wall | $cpu |"
    done
done
echo
echo "- $runs runs each, $(date -u +%Y-%m-%d), $(nproc) CPUs, $("$qd" --version | head -n 1); the image $image"
