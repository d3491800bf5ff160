#!/usr/bin/env bash
# Times one compile through the compile agent (src/agent) in a real warm
# container against the same compile by `ENGINE exec` in the same container
# and by gcc on the host, in one hyperfine run per set-up: podman as root,
# the private dockerd (docker 20 client) and rootless podman (keep-id) as
# the test user.  The container is started here as cc will start it: the
# static agent bind-mounted read-only as its entry point, listening in a
# private directory of the user's that is mounted into it.  Prints the
# medians and the ratios to gcc on the host (issue: a warm compile within
# 2x of it on rootful engines, 3x rootless).  See bench/README.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
image=${QD_BENCH_CC_IMAGE:-qemu/qd-e2e-toolchain}
runs=${RUNS:-30}
user=${QD_TEST_USER:-qdtester}

for tool in hyperfine jq gcc; do
    command -v "$tool" >/dev/null || { echo "agent-cc.sh: needs $tool" >&2; exit 1; }
done
[ "$(id -u)" -eq 0 ] || { echo "agent-cc.sh: run as root (it also runs as $user)" >&2; exit 1; }
build=${QD_BUILD:-$root/build/bench}
if [ -z "${QD_BUILD:-}" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" --target qemu-docker-cc-agent agent_compile >/dev/null
fi
agent=$build/qemu-docker-cc-agent
client=$build/tests/agent/agent_compile
# shellcheck source=/dev/null
[ -n "${DOCKER_HOST:-}" ] || . "$root/scripts/engines-env.sh"

work=$(mktemp -d /tmp/qd-agent-bench.XXXXXX)
chmod 755 "$work"
containers=()
cleanup() {
    for c in "${containers[@]}"; do eval "$c" >/dev/null 2>&1 || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# measure LABEL ENGINE USER-ARGS [RUNNER...]
measure() {
    local label=$1 engine=$2 userargs=$3 dir=$work/$1 name=qd-agent-bench-$1
    shift 3
    mkdir -p "$dir/src" "$dir/state"
    chmod 700 "$dir/state"
    printf 'int main(void) { return 0; }\n' >"$dir/src/hello.c"
    [ $# -eq 0 ] || chown -R "$user:" "$dir"
    # shellcheck disable=SC2086
    "$@" "$engine" run -d --rm --name "$name" $userargs -w "$dir/src" -v "$dir/src:$dir/src:rw" \
        -v "$dir/state:/run/qemu-docker-cc:rw" -v "$agent:/run/qemu-docker-cc-agent:ro" \
        --entrypoint /run/qemu-docker-cc-agent "$image" \
        --socket /run/qemu-docker-cc/agent.sock --idle 600 >/dev/null
    containers+=("$* $engine rm -f $name")
    for _ in $(seq 100); do [ -S "$dir/state/agent.sock" ] && break; sleep 0.05; done
    local compile="gcc -c hello.c -o hello.o"
    echo "=== $label"
    (cd "$dir/src" && hyperfine -N --warmup 3 --runs "$runs" --style basic \
        --export-json "$work/$label.json" \
        -n agent "$* $client $dir/state/agent.sock $dir/src $compile" \
        -n exec "$* $engine exec $name $compile" \
        -n native "$* $compile" >/dev/null)
    jq -r --arg l "$label" '(.results[] | select(.command == "native") | .median) as $n |
        .results[] | "\($l)\t\(.command)\t\(.median * 1000 * 10 | floor / 10) ms\t\(.median / $n * 100 | floor / 100)x native"' \
        "$work/$label.json"
    [ "$(stat -c %U "$dir/src/hello.o")" = "$(stat -c %U "$dir/src/hello.c")" ] ||
        echo "agent-cc.sh: $label: hello.o is not the user's" >&2
}

as_user=(runuser -u "$user" -- env -u XDG_RUNTIME_DIR HOME="$(getent passwd "$user" | cut -d: -f6)"
         CONTAINERS_CONF="${QD_ROOTLESS_CONTAINERS_CONF:-}" PATH="$PATH")
if ! "${as_user[@]}" podman image inspect "$image" >/dev/null 2>&1; then
    podman save "$image" | "${as_user[@]}" podman load >/dev/null
fi
uid=$(id -u "$user")
echo "set-up	command	median	ratio"
measure podman-root podman "-u 0"
measure docker docker "-u 0"
measure podman-rootless podman "--userns=keep-id -u $uid" "${as_user[@]}"
