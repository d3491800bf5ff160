#!/bin/bash
# Runs one fuzz target for SECONDS on a copy of its seed corpus
# (tests/fuzz/corpus/TARGET) in a new temporary directory; further arguments
# go to libFuzzer (e.g. -jobs=2).  Fails when the target crashed, a
# sanitizer or an invariant stopped it, or an input took over 10 s; the
# directory is then kept and the input that did it is named.  Otherwise the
# directory is removed, unless QD_FUZZ_KEEP=1 (to keep the grown corpus).
# The fuzzer is $QD_FUZZER, else build/fuzz/tests/fuzz/fuzz_TARGET.
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 TARGET SECONDS [LIBFUZZER OPTIONS...]" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
target=$1 seconds=$2
shift 2
fuzzer=${QD_FUZZER:-$here/../../build/fuzz/tests/fuzz/fuzz_$target}
seeds=$here/corpus/$target
if [ ! -x "$fuzzer" ]; then
    echo "run.sh: no fuzzer $fuzzer (cmake --preset fuzz && cmake --build --preset fuzz)" >&2
    exit 2
fi
if [ ! -d "$seeds" ]; then
    echo "run.sh: no seed corpus $seeds" >&2
    exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/qd-fuzz-$target.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus" "$work/found"
cp -- "$seeds"/* "$work/corpus/"

status=0
"$fuzzer" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$work/found/" "$@" "$work/corpus" || status=$?
if [ "$status" -ne 0 ]; then
    trap - EXIT
    echo "run.sh: fuzz_$target failed (status $status); input kept:" "$work"/found/* >&2
    exit "$status"
fi
if [ "${QD_FUZZ_KEEP:-0}" = 1 ]; then
    trap - EXIT
    echo "run.sh: corpus kept in $work/corpus"
fi
