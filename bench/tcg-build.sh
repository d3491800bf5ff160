#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Times a clean `make -j2 all` of examples/qemu-tree's test programs for
# aarch64: with Debian's cross compiler on the host (configure
# --container-engine=no --cross-prefix=aarch64-linux-gnu-); with the same
# host tools each started through Python, as QEMU starts docker.py for each
# tool call (the least any docker.py can cost here); and through docker.py
# cc in an image holding the same compiler: qemu-docker's shim with warm
# compiles through the compile agent (the default), by `ENGINE exec`
# (QEMU_DOCKER_AGENT=0), with one `run --rm` per tool call
# (QEMU_DOCKER_REUSE=0), and the reference docker.py; one hyperfine run per
# engine (podman as root, the private dockerd).  Before timing, every build
# must give the same aarch64 programs as the host's and `make check-tcg`
# must run them all (qemu-user binfmt_misc).  Prints a markdown table of
# medians and the ratios to the host's build.  See bench/README.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
ref=${QD_REFERENCE:-$root/../shared/reference/docker.py}
py=${QD_PYTHON:-/usr/bin/python3}
image=${QD_BENCH_CROSS_IMAGE:-qdbench/arm64-cross}
engines=${QD_BENCH_ENGINES:-podman docker}
variants=" ${QD_BENCH_VARIANTS:-python agent exec plain docker.py} "
runs=${RUNS:-5}
jobs=${JOBS:-2}
prefix=aarch64-linux-gnu-
cross_packages=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)

die() { echo "tcg-build.sh: $*" >&2; exit 1; }
say() { echo "tcg-build.sh: $*" >&2; }

for tool in hyperfine jq make file; do
    command -v "$tool" >/dev/null || die "needs $tool"
done
[ "$(id -u)" -eq 0 ] || die "run as root (apt-get, debootstrap, podman as root)"
[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] ||
    die "no qemu-aarch64 binfmt_misc entry to run the programs (scripts/setup-engines.sh)"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
missing=()
for p in "${cross_packages[@]}"; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian's cross libc is not where qemu-user looks for an aarch64 program's
# loader and libraries.
[ -e /lib/ld-linux-aarch64.so.1 ] || export QEMU_LD_PREFIX=${QEMU_LD_PREFIX:-/usr/aarch64-linux-gnu}

# shellcheck source=bench/lib.sh
. "$here/lib.sh"
bench_qemu_docker
[ -x "$(dirname "$qd")/qemu-docker-cc-agent" ] ||
    die "no qemu-docker-cc-agent beside $qd: warm compiles could not use the agent"
bench_workdir qd-tcg-bench
start=$SECONDS

# The image: Debian with the cross compiler, from debootstrap (its tarball
# cached in /var/cache/qemu-docker/debootstrap by debian-bootstrap.pre).
ensure_image() {
    local engine=$1
    "$engine" image inspect "$image" >/dev/null 2>&1 && return 0
    if [ ! -d "$work/rootfs" ]; then
        mkdir "$work/rootfs"
        (cd "$work/rootfs" && DEB_INCLUDE=$(IFS=,; echo "${cross_packages[*]}") \
            "$root/dockerfiles/debian-bootstrap.pre" >&2) || die "debootstrap of $image failed"
    fi
    say "importing $image into $engine"
    tar -C "$work/rootfs" -c . | "$engine" import - "$image" >/dev/null
}

# Two copies of the tree: tests/docker/docker.py is qemu-docker's shim in
# one and the reference docker.py in the other.
cp -rL "$root/examples/qemu-tree" "$work/tree"
cp -rL "$root/examples/qemu-tree" "$work/ref-tree"
[ ! -r "$ref" ] || cp "$ref" "$work/ref-tree/tests/docker/docker.py"
progs=$(cd "$work/tree/tests/tcg" && for c in *.c; do [ "$c" = util.c ] || echo "${c%.c}"; done)
nprogs=$(wc -w <<<"$progs")

# setup NAME TREE CONFIGURE-ARGS...: a configured build directory.
setup() {
    local dir=$work/$1 tree=$2
    shift 2
    mkdir -p "$dir"
    (cd "$dir" && "$tree/configure" "$@" >/dev/null) || die "$dir: configure $* failed"
}
# make_cmd NAME TREE [VAR=VALUE...]: the timed command line (no spaces in
# paths: hyperfine -N splits it on blanks).
make_cmd() {
    local dir=$work/$1 tree=$2
    shift 2
    echo "env${*:+ $*} make -s -C $dir/tests/tcg -f $tree/tests/tcg/Makefile -j$jobs all"
}
clean_cmd() { echo "make -s -C $work/$1/tests/tcg -f $2/tests/tcg/Makefile clean"; }

# check NAME TREE TRACE-WANT [VAR=VALUE...]: one clean build, which must give
# the host build's set of aarch64 programs, and every program run once.
# TRACE-WANT: "agent" if the compiles must go through the agent, "no-agent"
# if they must not.
check() {
    local name=$1 tree=$2 want=$3 dir=$work/$1/tests/tcg log=$work/$1.log
    shift 3
    make -s -C "$dir" -f "$tree/tests/tcg/Makefile" clean >/dev/null
    if ! env QEMU_DOCKER_TRACE=1 "$@" make -s -C "$dir" -f "$tree/tests/tcg/Makefile" -j"$jobs" all \
        >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        die "$name: the build failed"
    fi
    case $want in
        agent) grep -q "compiled by the agent" "$log" || die "$name: no compile went through the agent" ;;
        no-agent) ! grep -q "compiled by the agent" "$log" || die "$name: a compile went through the agent" ;;
    esac
    local p kind
    for p in $progs; do
        kind=$(file -b "$dir/$p" 2>&1)
        [[ $kind == ELF*"ARM aarch64"* ]] || die "$name: $p is not an aarch64 ELF program: $kind"
    done
    (cd "$dir" && find . -maxdepth 1 -type f -perm -u+x | sort) >"$work/$name.progs"
    [ "$name" = native ] || diff -u "$work/native.progs" "$work/$name.progs" >&2 ||
        die "$name: not the same programs as the native build"
    if ! env "$@" make -C "$work/$name" check-tcg >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        die "$name: make check-tcg failed"
    fi
    local oks
    oks=$(grep -c '^OK ' "$log" || true)
    [ "$oks" -eq $((nprogs + 1)) ] || die "$name: $oks OK lines from check-tcg, not $((nprogs + 1))"
    if [ "$name" != native ]; then
        local same=0
        for p in $progs; do cmp -s "$work/native/tests/tcg/$p" "$dir/$p" && same=$((same + 1)); done
        notes+=("$name: $nprogs aarch64 programs, all ran; $same of them byte-identical to the native build's")
    fi
}

notes=()
setup native "$work/tree" --container-engine=no --cross-prefix="$prefix"
check native "$work/tree" any
# The host's tools, each started through QD_PYTHON as docker.py is (QEMU
# runs `$python docker.py cc ...` for every tool call): the least a
# docker.py-shaped build can cost here, whatever runs behind the script.
if [[ $variants == *" python "* ]]; then
    printf 'import os, sys\nos.execvp(sys.argv[1], sys.argv[1:])\n' >"$work/exec.py"
    setup python "$work/tree" --container-engine=no --cross-prefix="$py $work/exec.py $prefix"
    check python "$work/tree" any
fi
rows=()
for engine in $engines; do
    ensure_image "$engine"
    say "checking the $engine builds"
    # Both trees' docker.py run by QD_PYTHON: the `python3` first on PATH
    # may be a pyenv shim, 110 ms per start here against 13 ms for
    # /usr/bin/python3, which would be timed as the shim's cost.
    for v in agent exec plain; do
        setup "$engine-$v" "$work/tree" --container-engine="$engine" --python="$py" --image="$image" \
            --cross-prefix="$prefix"
    done
    cmds=(-n native "$(make_cmd native "$work/tree")" -p "$(clean_cmd native "$work/tree")")
    if [[ $variants == *" python "* ]]; then
        cmds+=(-n "native, each tool through $py" "$(make_cmd python "$work/tree")"
               -p "$(clean_cmd python "$work/tree")")
    fi
    if [[ $variants == *" agent "* ]]; then
        check "$engine-agent" "$work/tree" agent
        cmds+=(-n "qemu-docker" "$(make_cmd "$engine-agent" "$work/tree")"
               -p "$(clean_cmd "$engine-agent" "$work/tree")")
    fi
    if [[ $variants == *" exec "* ]]; then
        check "$engine-exec" "$work/tree" no-agent QEMU_DOCKER_AGENT=0
        cmds+=(-n "qemu-docker, QEMU_DOCKER_AGENT=0"
               "$(make_cmd "$engine-exec" "$work/tree" QEMU_DOCKER_AGENT=0)"
               -p "$(clean_cmd "$engine-exec" "$work/tree")")
    fi
    if [[ $variants == *" plain "* ]]; then
        check "$engine-plain" "$work/tree" no-agent QEMU_DOCKER_REUSE=0
        cmds+=(-n "qemu-docker, QEMU_DOCKER_REUSE=0"
               "$(make_cmd "$engine-plain" "$work/tree" QEMU_DOCKER_REUSE=0)"
               -p "$(clean_cmd "$engine-plain" "$work/tree")")
    fi
    # docker.py adds --userns=keep-id, which rootful podman refuses (D5).
    if [[ $variants != *" docker.py "* ]]; then
        :
    elif [ ! -r "$ref" ]; then
        notes+=("$engine: no reference docker.py at $ref")
    elif [ "$engine" = podman ]; then
        notes+=("$engine: docker.py not timed (it adds --userns=keep-id, which podman refuses as root)")
    else
        setup "$engine-docker.py" "$work/ref-tree" --container-engine="$engine" --python="$py" \
            --image="$image" --cross-prefix="$prefix"
        check "$engine-docker.py" "$work/ref-tree" none
        cmds+=(-n docker.py "$(make_cmd "$engine-docker.py" "$work/ref-tree")"
               -p "$(clean_cmd "$engine-docker.py" "$work/ref-tree")")
    fi
    # Idle warm containers of the checks would only be in the way.
    "$qd" --engine "$engine" clean >/dev/null
    notes+=("$engine: load average before timing: $(cut -d' ' -f1-3 /proc/loadavg)")
    say "timing the $engine builds ($runs runs each)"
    hyperfine -N --warmup 1 --runs "$runs" --style basic --export-json "$work/$engine.json" \
        "${cmds[@]}" >&2
    while IFS= read -r row; do rows+=("$row"); done < <(jq -r --arg e "$engine" '
        def f2: (. * 100 | round) as $c | "\($c / 100 | floor).\($c % 100 | tostring |
            if length < 2 then "0" + . else . end)";
        (.results[] | select(.command == "native") | .median) as $n |
        .results[] | "| \($e) | \(.command) | \(.median | f2) | \(.median / $n | f2) |"' \
        "$work/$engine.json")
    "$qd" --engine "$engine" clean >/dev/null
done

echo "Clean \`make -j$jobs all\` of examples/qemu-tree/tests/tcg ($nprogs programs, libtcg.a) for aarch64,"
echo "medians of $runs runs ($(date -u +%Y-%m-%d), $(nproc) CPUs, ${prefix}gcc $("${prefix}gcc" -dumpfullversion) on the"
echo "host and in $image, $("$qd" --version | head -n 1)):"
echo
echo "| engine | build | median s | ratio to native |"
echo "| --- | --- | ---: | ---: |"
printf '%s\n' "${rows[@]}"
echo
for n in "${notes[@]}"; do echo "- $n"; done
echo "- the whole script took $((SECONDS - start)) s"
