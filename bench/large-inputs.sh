#!/usr/bin/env bash
# Large inputs: peak RSS of qemu-docker building with a 1 GiB --extra-files
# file and a 200 MiB --include-executable (copied into the context and
# hashed, each file read once), and SHA-1 throughput against sha1sum on the
# same 1 GiB file.  The engine is a stand-in (every command but inspect
# succeeds at once), so only qemu-docker's own work is timed.  Medians of
# RUNS runs; prints a markdown table.  See bench/README.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
qd=${QD_BIN:-}
runs=${RUNS:-5}

if [ -z "$qd" ]; then
    cmake -S "$root" -B "$root/build/bench" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$root/build/bench" --target qemu-docker >/dev/null
    qd=$root/build/bench/qemu-docker
fi

work=$(mktemp -d /var/tmp/qd-large.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/tmp"
# inspect: an image without labels (build rebuilds, check hashes -e and
# says it needs updating); everything else: success at once.
printf '#!/bin/sh\n[ "$1" = inspect ] && echo %s\nexit 0\n' \
    "'[{\"Created\": \"2026-01-01T00:00:00Z\", \"Config\": {\"Labels\": {}}}]'" >"$work/bin/podman"
chmod +x "$work/bin/podman"
head -c $((1024 * 1024 * 1024)) /dev/urandom >"$work/big.bin"
head -c $((200 * 1024 * 1024)) /dev/urandom >"$work/exe"
chmod +x "$work/exe"
printf 'FROM scratch\n' >"$work/large.docker"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# measure CMD...: "seconds kib" of one run (wall clock, peak RSS).
measure() {
    sync
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$work/time" # after "Command exited with non-zero status N"
}

build=(env PATH="$work/bin:$PATH" TMPDIR="$work/tmp" "$qd" --engine podman build -t qdbench/large
    -f "$work/large.docker" --skip-binfmt -e "$work/exe" --extra-files "$work/big.bin")
# The SHA-1 alone: check -e reads and hashes the file (D9), nothing else.
sha1_qd=(env PATH="$work/bin:$PATH" "$qd" --engine podman check --skip-binfmt
    -e "$work/big.bin" qdbench/large "$work/large.docker")

b_times=() b_rss=() q_times=() s_times=()
for _ in $(seq "$runs"); do
    read -r t m < <(measure "${build[@]}")
    b_times+=("$t") b_rss+=("$m")
    read -r t _ < <(measure "${sha1_qd[@]}")
    q_times+=("$t")
    read -r t _ < <(measure sha1sum "$work/big.bin")
    s_times+=("$t")
done
bt=$(printf '%s\n' "${b_times[@]}" | median)
br=$(printf '%s\n' "${b_rss[@]}" | median)
qt=$(printf '%s\n' "${q_times[@]}" | median)
st=$(printf '%s\n' "${s_times[@]}" | median)
left=$(find "$work/tmp" -mindepth 1 | wc -l)

echo "| measure | value |"
echo "| --- | ---: |"
echo "| build, 1 GiB --extra-files + 200 MiB -e: wall s | $bt |"
echo "| build, 1 GiB --extra-files + 200 MiB -e: peak RSS MiB | $(awk -v k="$br" 'BEGIN { printf "%.1f", k / 1024 }') |"
echo "| SHA-1 of 1 GiB (check -e): qemu-docker s | $qt |"
echo "| SHA-1 of 1 GiB: sha1sum s | $st |"
echo "| qemu-docker throughput / sha1sum's | $(awk -v q="$qt" -v s="$st" 'BEGIN { printf "%.2f", s / q }') |"
echo "| entries left in TMPDIR | $left |"
