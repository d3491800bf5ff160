#!/usr/bin/env bash
# Times a warm `cc` (the default) of a one-line C file against the floor of
# its design, one raw `ENGINE exec` of the same compile in the same running
# container, and beside them docker.py (one `run --rm` per compile), a plain
# qemu-docker compile (QEMU_DOCKER_REUSE=0) and gcc on the host, in one
# hyperfine run per set-up: podman as root, the private dockerd (docker 20
# client), and rootless podman as the test user; also warm compiles by
# `ENGINE exec` (QEMU_DOCKER_AGENT=0) instead of the agent.  Prints the
# medians and the ratio to gcc on the host.  See bench/README.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
ref=${QD_REFERENCE:-$root/../shared/reference/docker.py}
image=${QD_BENCH_CC_IMAGE:-qemu/qd-e2e-toolchain}
runs=${RUNS:-30}
user=${QD_TEST_USER:-qdtester}

for tool in hyperfine jq gcc; do
    command -v "$tool" >/dev/null || { echo "warm-cc.sh: needs $tool" >&2; exit 1; }
done
[ "$(id -u)" -eq 0 ] || { echo "warm-cc.sh: run as root (it also runs as $user)" >&2; exit 1; }
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
bench_qemu_docker

work=$(mktemp -d /tmp/qd-warm-bench.XXXXXX)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

# measure LABEL ENGINE [RUNNER...]: the five commands in DIR, run by RUNNER.
measure() {
    local label=$1 engine=$2 dir=$work/$1
    shift 2
    mkdir -p "$dir"
    printf 'int main(void) { return 0; }\n' >"$dir/hello.c"
    [ $# -eq 0 ] || chown -R "$user:" "$dir"
    local compile=(cc -i "$image" --cc gcc -- -c hello.c -o hello.o)
    (cd "$dir" && "$@" "$qd" --engine "$engine" "${compile[@]}") ||
        { echo "warm-cc.sh: $label: the first compile failed" >&2; return 1; }
    local name
    name=$(cd "$dir" && "$@" "$engine" ps --filter label=com.qemu.cc-reuse --format '{{.Names}}' |
        grep -v -- '-[0-9a-f]\{12\}$' | head -n 1)
    local cmds=(-n warm "$* $qd --engine $engine ${compile[*]}"
                -n warm-by-exec "$* env QEMU_DOCKER_AGENT=0 $qd --engine $engine ${compile[*]}"
                -n exec "$* $engine exec $name gcc -c hello.c -o hello.o"
                -n plain "$* env QEMU_DOCKER_REUSE=0 $qd --engine $engine ${compile[*]}")
    # docker.py adds --userns=keep-id, which rootful podman refuses (D5).
    if [ -r "$ref" ] && ! { [ "$engine" = podman ] && [ $# -eq 0 ]; }; then
        cp "$ref" "$dir/docker.py"
        cmds+=(-n docker.py "$* /usr/bin/python3 $dir/docker.py --engine $engine ${compile[*]}")
    fi
    cmds+=(-n native "$* gcc -c hello.c -o hello.o")
    echo "=== $label (container $name)"
    (cd "$dir" && hyperfine -N --warmup 3 --runs "$runs" --style basic \
        --export-json "$work/$label.json" "${cmds[@]}" >/dev/null)
    jq -r --arg l "$label" '(.results[] | select(.command == "native") | .median) as $n |
        .results[] | "\($l)\t\(.command)\t\(.median * 1000 | floor) ms\t\(.median / $n * 100 | floor / 100)x native"' \
        "$work/$label.json"
    (cd "$dir" && "$@" "$qd" --engine "$engine" clean >/dev/null)
}

as_user=(runuser -u "$user" -- env -u XDG_RUNTIME_DIR HOME="$(getent passwd "$user" | cut -d: -f6)"
         CONTAINERS_CONF="${QD_ROOTLESS_CONTAINERS_CONF:-}" PATH="$PATH")
if ! "${as_user[@]}" podman image inspect "$image" >/dev/null 2>&1; then
    podman save "$image" | "${as_user[@]}" podman load >/dev/null
fi
echo "set-up	command	median	ratio"
for setup in ${QD_BENCH_SETUPS:-podman-root docker podman-rootless}; do
    case $setup in
        podman-root) measure podman-root podman ;;
        docker) measure docker docker ;;
        podman-rootless) measure podman-rootless podman "${as_user[@]}" ;;
        *) echo "warm-cc.sh: unknown set-up $setup" >&2; exit 1 ;;
    esac
done
