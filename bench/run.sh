#!/usr/bin/env bash
# Benchmark qemu-docker against the reference docker.py and the raw engine
# command doing the same engine work, in the same hyperfine run.  See
# bench/README.md.  Prints a markdown table of medians and ratios; the raw
# hyperfine JSON and markdown stay in $BENCH_WORK (a temp dir by default).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

qd=${QD_BIN:-}
ref_src=${QD_REFERENCE:-$root/../shared/reference/docker.py}
py=${QD_PYTHON:-/usr/bin/python3}
base=${QD_BENCH_BASE:-qdbench/base}
tag=${QD_BENCH_TAG:-qdbench/trivial}
cc_image=${QD_BENCH_CC_IMAGE:-qemu/qd-e2e-toolchain}
engines=${QD_BENCH_ENGINES:-podman docker}
fast_runs=${FAST_RUNS:-30}
slow_runs=${SLOW_RUNS:-21}
warmup=${WARMUP:-3}
rounds=${ROUNDS:-3}
summary=${SUMMARY:-}           # also write the summary table to this file

for tool in hyperfine jq; do
    command -v "$tool" >/dev/null || { echo "run.sh: needs $tool (apt-get install $tool)" >&2; exit 1; }
done

# Build the binary under test in our own build dir unless QD_BIN is given.
if [ -z "$qd" ]; then
    cmake -S "$root" -B "$root/build/bench" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$root/build/bench" --target qemu-docker >/dev/null
    qd=$root/build/bench/qemu-docker
fi

# Engines set up by scripts/setup-engines.sh (podman conf, private dockerd).
if [ -z "${DOCKER_HOST:-}" ] && [ -r "$root/scripts/engines-env.sh" ]; then
    # shellcheck source=/dev/null
    . "$root/scripts/engines-env.sh"
fi

work=${BENCH_WORK:-$(mktemp -d /tmp/qd-bench.XXXXXX)}
mkdir -p "$work/ref/dockerfiles" "$work/json"
cp "$ref_src" "$work/ref/docker.py"
dockerfile=$work/ref/dockerfiles/bench.docker
printf 'FROM %s\nRUN true\n' "$base" >"$dockerfile"
ref="$py $work/ref/docker.py"
cd "$work/ref"   # cc mounts $PWD

echo "qemu-docker: $qd"
echo "reference:   $ref"
echo "work dir:    $work"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load before: $load_before"

# bench NAME RUNS QD_CMD REF_CMD RAW_CMD   (REF_CMD may be empty: skipped)
# The runs are split into $rounds hyperfine runs, each starting with a
# different variant, so that load from other processes drifting over time
# does not favour whichever variant hyperfine happens to run last; the
# summary pools the times of all rounds.
bench() {
    local name=$1 runs=$2
    local labels=(qemu-docker reference raw) cmds=("$3" "$4" "$5")
    local per=$(( (runs + rounds - 1) / rounds )) round i k
    for (( round = 0; round < rounds; round++ )); do
        local args=(--warmup "$warmup" --runs "$per" --style basic
                    --export-json "$work/json/$name.$round.json"
                    --export-markdown "$work/json/$name.$round.md")
        for (( i = 0; i < 3; i++ )); do
            k=$(( (i + round) % 3 ))
            if [ -n "${cmds[k]}" ]; then args+=(-n "${labels[k]}" "${cmds[k]}"); fi
        done
        echo
        echo "=== $name (round $((round + 1))/$rounds)"
        # Other users of the same engines (a test suite's `clean`, storage
        # locks) can make one run fail; retry the round rather than time
        # failures.
        local attempt=1
        until hyperfine "${args[@]}"; do
            if (( attempt++ >= 3 )); then echo "run.sh: $name keeps failing" >&2; exit 1; fi
            echo "run.sh: $name round $((round + 1)) failed, retrying" >&2
            retries=$((retries + 1))
        done
    done
    names+=("$name")
}
names=()
retries=0

# The base image: QD_BENCH_BASE if given (it must exist), else our own
# qdbench/base, a static busybox in an otherwise empty rootfs, imported the
# first time (images other people made can vanish while tests run).
ensure_base() {
    local engine=$1
    "$engine" image inspect "$base" >/dev/null 2>&1 && return 0
    if [ -n "${QD_BENCH_BASE:-}" ]; then
        echo "run.sh: $engine has no image $base" >&2; exit 1
    fi
    local bb rootfs=$work/rootfs
    bb=$(command -v busybox) || { echo "run.sh: needs busybox (static) for qdbench/base" >&2; exit 1; }
    rm -rf "$rootfs"
    mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc"
    cp "$bb" "$rootfs/bin/busybox"
    for app in sh true id; do ln -s busybox "$rootfs/bin/$app"; done
    printf 'root:x:0:0:root:/root:/bin/sh\n' >"$rootfs/etc/passwd"
    printf 'root:x:0:\n' >"$rootfs/etc/group"
    tar -C "$rootfs" -c . | "$engine" import --change 'ENV PATH=/bin' - "$base" >/dev/null
}

for engine in $engines; do
    "$engine" version >/dev/null 2>&1 || { echo "run.sh: $engine does not work, skipped" >&2; continue; }
    ensure_base "$engine"
    q="$qd --engine $engine"
    r="$ref --engine $engine"

    # An up-to-date image whose checksum label qemu-docker wrote; the
    # reference must agree it is up to date, or the numbers mean nothing.
    $q build -t "$tag" -f "$dockerfile" >/dev/null
    $q check --quiet "$tag" "$dockerfile"
    $r check --quiet "$tag" "$dockerfile" >/dev/null || {
        echo "run.sh: the reference does not see $tag as up to date on $engine" >&2; exit 1; }

    bench "$engine-probe" "$fast_runs" \
        "$q probe" "$r probe" "$engine version"
    bench "$engine-images" "$fast_runs" \
        "$q images -q" "$r images -q" "$engine images -q"
    # The raw baseline is one inspect: with the probe cache, that is all
    # qemu-docker asks of an engine it probed within the last minute.
    bench "$engine-check" "$fast_runs" \
        "$q check --quiet $tag $dockerfile" "$r check --quiet $tag $dockerfile" \
        "$engine inspect $tag"
    bench "$engine-build" "$fast_runs" \
        "$q build -t $tag -f $dockerfile --quiet" "$r build -t $tag -f $dockerfile --quiet" \
        "$engine inspect $tag"
    bench "$engine-run" "$slow_runs" \
        "$q run $base true" "$r run $base true" "$engine run --rm $base true"
    # The reference's cc adds --userns=keep-id for podman, which rootful
    # podman refuses (docs D5): it fails here, so it is not timed.
    ref_cc="$r cc --cc true -i $base -- x"
    if [ "$engine" = podman ] && [ "$(id -u)" = 0 ]; then ref_cc=""; fi
    bench "$engine-cc" "$slow_runs" \
        "$q cc --cc true -i $base -- x" "$ref_cc" \
        "$engine run --rm -w $PWD -v $PWD:$PWD:rw -u $(id -u) $base true x"
    # A real compile of a one-line C file with gcc (QD_BENCH_CC_IMAGE, the
    # e2e suite's toolchain image by default): warm (QEMU_DOCKER_REUSE) and
    # plain qemu-docker against docker.py and one raw run --rm each.
    if "$engine" image inspect "$cc_image" >/dev/null 2>&1; then
        printf 'int main(void) { return 0; }\n' >"$work/ref/hello.c"
        ref_gcc="$r cc --cc gcc -i $cc_image -- -c hello.c -o hello.o"
        if [ "$engine" = podman ] && [ "$(id -u)" = 0 ]; then ref_gcc=""; fi
        raw_gcc="$engine run --rm -w $PWD -v $PWD:$PWD:rw -u $(id -u) $cc_image gcc -c hello.c -o hello.o"
        bench "$engine-gcc_warm" "$slow_runs" \
            "QEMU_DOCKER_REUSE=300 $q cc --cc gcc -i $cc_image -- -c hello.c -o hello.o" \
            "$ref_gcc" "$raw_gcc"
        bench "$engine-gcc_plain" "$slow_runs" \
            "QEMU_DOCKER_REUSE=0 $q cc --cc gcc -i $cc_image -- -c hello.c -o hello.o" "$ref_gcc" "$raw_gcc"
        $q clean >/dev/null
    else
        echo "run.sh: $engine has no $cc_image (run the e2e suite once): gcc loop not timed" >&2
    fi
done

# No engine at all: process start, argument parsing, help text.
echo
echo "=== help"
names+=(none-help)
hyperfine -N --warmup 10 --runs 200 --style basic \
    --export-json "$work/json/none-help.0.json" --export-markdown "$work/json/none-help.0.md" \
    -n qemu-docker "$qd --help" -n reference "$ref --help" -n raw /bin/true

# probe against a stand-in engine (podman -> /bin/true): the tools' own
# cost around one engine call, with the engine's time taken out.
stub=$work/stub-bin
mkdir -p "$stub"
ln -sf /bin/true "$stub/podman"
echo
echo "=== stub-probe"
names+=(stub-probe)
PATH=$stub:$PATH hyperfine -N --warmup 10 --runs 200 --style basic \
    --export-json "$work/json/stub-probe.0.json" --export-markdown "$work/json/stub-probe.0.md" \
    -n qemu-docker "$qd --engine podman probe" -n reference "$ref --engine podman probe" \
    -n raw "/bin/true version"

# An instant stand-in docker that logs each call: what is left is the
# tools' own cost, and the log says how many engine calls each command makes.
calls=""
if inspect_out=$(docker inspect "$tag" 2>/dev/null); then
    fake=$work/fake-bin
    mkdir -p "$fake"
    printf '%s\n' "$inspect_out" >"$work/fake-inspect.json"
    cat >"$fake/docker" <<'STUB'
#!/bin/sh
printf '%s\n' "$*" >>"${FAKE_LOG:-/dev/null}"
case $1 in
    version) printf 'Client: Docker Engine - Community\n Version:           20.10.24\n' ;;
    inspect) cat "$FAKE_INSPECT" ;;
esac
STUB
    chmod +x "$fake/docker"
    export FAKE_INSPECT=$work/fake-inspect.json
    fq="$qd --engine docker"
    fr="$ref --engine docker"
    fake_bench() { PATH=$fake:$PATH bench "$@"; }
    fake_bench fake-check 60 "$fq check --quiet $tag $dockerfile" \
        "$fr check --quiet $tag $dockerfile" "$fake/docker inspect $tag"
    fake_bench fake-build 60 "$fq build -t $tag -f $dockerfile --quiet" \
        "$fr build -t $tag -f $dockerfile --quiet" "$fake/docker inspect $tag"
    fake_bench fake-run 60 "$fq run $base true" "$fr run $base true" \
        "$fake/docker run --rm $base true"
    fake_bench fake-cc 60 "$fq cc --cc true -i $base -- x" "$fr cc --cc true -i $base -- x" \
        "$fake/docker run --rm $base true x"
    # The engine calls of a second invocation (the probe cache filled).
    count_calls() {
        local log=$work/calls.log
        PATH=$fake:$PATH FAKE_LOG=/dev/null "$@" >/dev/null 2>&1
        : >"$log"
        PATH=$fake:$PATH FAKE_LOG=$log "$@" >/dev/null 2>&1
        wc -l <"$log"
    }
    for c in "check --quiet $tag $dockerfile" "build -t $tag -f $dockerfile --quiet" \
             "run $base true" "cc --cc true -i $base -- x" "images -q"; do
        calls+="| ${c%% *} | $(count_calls $fq $c) | $(count_calls $fr $c) |"$'\n'
    done
fi

load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load after:  $load_after"

# Instruction counts (callgrind, main process only) of probe against a
# stand-in engine that exits 0 at once; perf counters are not available in
# every VM, callgrind is.
instr=""
if command -v valgrind >/dev/null; then
    count() {
        PATH=$stub:$PATH valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
            sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
    }
    qd_i=$(count "$qd" --engine podman probe)
    qd_h=$(count "$qd" --help)
    # shellcheck disable=SC2086
    ref_i=$(count $ref --engine podman probe)
    # shellcheck disable=SC2086
    ref_h=$(count $ref --help)
    instr=$(printf '| probe (stand-in engine) | %s | %s |\n| --help | %s | %s |\n' \
        "$qd_i" "$ref_i" "$qd_h" "$ref_h")

    # Where qemu-docker's start-up instructions go: an empty C program
    # linked with each library qemu-docker needs, then with all of them.
    if command -v gcc >/dev/null && command -v readelf >/dev/null; then
        printf 'int main(void) { return 0; }\n' >"$work/empty.c"
        mapfile -t needed < <(readelf -d "$qd" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | grep -v '^libc\.so')
        libs_rows=""
        for lib in none "${needed[@]}" all; do
            case $lib in
                none) flags=() ;;
                all) flags=(); for l in "${needed[@]}"; do flags+=("-l:$l"); done ;;
                *) flags=("-l:$lib") ;;
            esac
            gcc -O2 "$work/empty.c" -o "$work/empty" -Wl,--no-as-needed "${flags[@]}" 2>/dev/null || continue
            libs_rows+=$(printf '| empty program + %s | %s |' "$lib" "$(count "$work/empty")")$'\n'
        done
    fi
fi

# Two tables from the pooled JSON: wall-clock medians (what a user waits,
# but at the mercy of other load on the machine) and CPU time (user +
# system of the command and its children, e.g. the engine client; hyperfine
# gives its mean per round, averaged here), which load hardly moves.
table() {
    local kind=$1 name engine cmd
    if [ "$kind" = wall ]; then
        echo "| command | engine | qemu-docker ms | reference ms | raw ms | reference / qemu-docker | qemu-docker - raw ms |"
    else
        echo "| command | engine | qemu-docker CPU ms | reference CPU ms | raw CPU ms | reference / qemu-docker | qemu-docker - raw CPU ms |"
    fi
    echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
    for name in "${names[@]}"; do
        engine=${name%%-*}
        cmd=${name#*-}
        jq -rs --arg cmd "$cmd" --arg engine "$engine" --arg kind "$kind" '
            def median: sort | length as $n
                        | if $n == 0 then null
                          elif $n % 2 == 1 then .[($n - 1) / 2]
                          else (.[$n / 2 - 1] + .[$n / 2]) / 2 end;
            def mean: if length == 0 then null else add / length end;
            def val(n): [.[].results[] | select(.command == n)] as $r
                        | (if $kind == "wall" then [$r[].times[]] | median
                           else [$r[] | .user + .system] | mean end)
                        | if . == null then null else . * 1000 end;
            def fmt: if . == null then "n/a" else (. * 10 | round / 10 | tostring) end;
            val("qemu-docker") as $q | val("reference") as $r | val("raw") as $w
            | "| \($cmd) | \($engine) | \($q | fmt) | \($r | fmt) | \($w | fmt) | "
              + (if $r == null then "n/a" else "\(($r / $q) * 100 | round / 100)x" end)
              + " | \(($q - $w) | fmt) |"' "$work/json/$name".*.json
    done
}

{
    echo "Medians of about $fast_runs runs for probe/images/check/build and $slow_runs for" \
         "run/cc (in $rounds rotated hyperfine rounds, warmup $warmup each), 200 for" \
         "help and for probe with a stand-in engine (stub: podman is /bin/true);" \
         "fake: an instant stand-in docker (a shell script logging its calls), 60 runs."
    echo "Engines: $(podman version --format '{{.Client.Version}}' 2>/dev/null | sed 's/^/podman /')," \
         "$(docker version --format 'docker client {{.Client.Version}}, server {{.Server.Version}}' 2>/dev/null)."
    echo "Load average before: $load_before; after: $load_after ($(nproc) CPUs)." \
         "Rounds retried after a failed run: $retries."
    echo
    echo "Wall clock, medians:"
    echo
    table wall
    echo
    echo "CPU time (user + system, children included), means:"
    echo
    table cpu
    if [ -n "$instr" ]; then
        echo
        echo "| instructions (callgrind, main process) | qemu-docker | reference |"
        echo "| --- | ---: | ---: |"
        echo "$instr"
    fi
    if [ -n "$calls" ]; then
        echo
        echo "Engine calls of each command, a second time in a row (stand-in docker):"
        echo
        echo "| command | qemu-docker | reference |"
        echo "| --- | ---: | ---: |"
        printf '%s' "$calls"
    fi
    if [ -n "${libs_rows:-}" ]; then
        echo
        echo "| start-up instructions (callgrind) | instructions |"
        echo "| --- | ---: |"
        printf '%s' "$libs_rows"
    fi
} | tee "$work/summary.md"
if [ -n "$summary" ]; then cp "$work/summary.md" "$summary"; fi
