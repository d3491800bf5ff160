#!/bin/bash
# Scenario 10: many qemu-dockers at once on one engine.  Eight builds of
# different images at the same time all succeed, each image holds its own
# checksum label, and no docker_build* directory is left in TMPDIR.  Eight
# runs at the same time, each a container that waits, then exits with its own
# status: SIGTERM to four of them removes exactly their containers and makes
# their qemu-docker exit 143; the other four finish with their own status.
# clean while runs are going removes their containers and leaves a container
# without qemu-docker's label running.
. "$(dirname "$0")/lib.sh"
e2e_init
ensure_base_image

count=8
# This run's label: every container a run starts here carries $mark=N.
mark=qd-e2e-s10-${E2E_TMP##*.}
other=qd-e2e-s10-other-${E2E_TMP##*.}
# The background qemu-dockers, by job number.
job_pids=()

ours() { eng ps -a -q --filter "label=$mark${1:+=$1}" 2>/dev/null; }
ours_running() { eng ps -q --filter "label=$mark" --filter status=running 2>/dev/null | grep -c .; }
all_running() { [ "$(ours_running)" -eq "$1" ]; }
none_left() { [ -z "$(ours "$@")" ]; }
# What a failure leaves behind: each job's process group (qemu-docker and its
# engine client) and the containers they started.
stop_jobs() {
    local pid left
    for pid in "${job_pids[@]}"; do kill -KILL -- -"$pid" 2>/dev/null; done
    left=$(ours)
    [ -z "$left" ] || eng rm -f $left
}
on_exit stop_jobs

# start_job N ARGS...: qemu-docker ARGS in the background, in a process group
# of its own (job control), with its output in $E2E_TMP/job.N.
start_job() {
    local n=$1
    shift
    set -m
    TMPDIR=$E2E_TMP/tmp "${QD_CMD[@]}" --engine "$QD_ENGINE" "$@" \
        </dev/null >"$E2E_TMP/job.$n.out" 2>"$E2E_TMP/job.$n.err" &
    job_pids[n]=$!
    set +m
}
# finish_job N SECONDS WHAT: waits that long for job N, leaves OUT, ERR and
# RC; fails WHAT when it is still running then.
finish_job() {
    local n=$1 pid=${job_pids[$1]} ok=0
    if wait_until "$2" exited "$pid"; then
        wait "$pid"
        RC=$?
    else
        kill -KILL -- -"$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        fail "$3: still running $2 s later"
        ok=1
    fi
    unset "job_pids[$n]"
    OUT=$(cat "$E2E_TMP/job.$n.out") ERR=$(cat "$E2E_TMP/job.$n.err")
    return $ok
}

# Eight builds at once.
phase_start=$SECONDS
images=()
for n in $(seq $count); do images[n]=qemu/qd-e2e-s10-$n; done
remove_image "${images[@]}"
on_exit "remove_image ${images[*]}"
for n in $(seq $count); do
    df=$(write_dockerfile qd-e2e-s10-$n <<<"FROM $BASE_IMAGE
LABEL qd-e2e-s10=$n
RUN echo $n > /n")
    start_job $n build -t "${images[n]}" -f "$df"
done
for n in $(seq $count); do
    finish_job $n 300 "build $n" && assert_exit 0 "build $n of $count at once"
done
sums=()
for n in $(seq $count); do
    image=${images[n]} df=$E2E_DOCKERFILES/qd-e2e-s10-$n.docker
    assert_label "$image" qd-e2e-s10 $n
    sums[n]=$(image_label "$image" com.qemu.dockerfile-checksum)
    assert_eq "$(reference_checksum "$df")" "${sums[n]}" "$image: its checksum label is the reference's"
    qd check "$image" "$df"
    assert_eq "0 Image is up to date" "$RC $OUT" "$image: check against its own dockerfile"
done
assert_eq $count "$(printf '%s\n' "${sums[@]}" | grep -E '^[0-9a-f]{40}$' | sort -u | wc -l)" \
    "$count different checksum labels"
assert_tmpdir_empty "$count builds at once (no docker_build*)"
note "builds: $((SECONDS - phase_start)) s"

# Eight runs at once.  Each waits for $go/now (a minute at most), then exits
# with 20+N: no run ends before the test lets it.
phase_start=$SECONDS
go=$E2E_TMP/go
mkdir -p "$go"
wait_for_go='i=0; until [ -e /go/now ] || [ $i -ge 300 ]; do sleep 0.2; i=$((i + 1)); done'
for n in $(seq $count); do
    start_job $n run --label "$mark=$n" -v "$go:/go:ro" $BASE_IMAGE \
        sh -c "$wait_for_go; exit $((20 + n))"
done
wait_until 60 all_running $count || die "$count runs: $(ours_running) containers running after 60 s"
pass "$count runs at once: $count containers running"
terminated=(1 3 5 7) finishing=(2 4 6 8)
for n in "${terminated[@]}"; do kill -TERM "${job_pids[n]}"; done
for n in "${terminated[@]}"; do
    finish_job $n 30 "run $n after SIGTERM" && assert_exit 143 "SIGTERM to run $n"
done
for n in "${terminated[@]}"; do
    if wait_until 10 none_left $n; then
        pass "run $n: its container is gone"
    else
        fail "run $n: container $(ours $n) left"
    fi
done
for n in "${finishing[@]}"; do
    assert_eq running "$(eng inspect --format '{{.State.Status}}' "$(ours $n)" 2>&1)" \
        "run $n: its container still runs"
done
touch "$go/now"
for n in "${finishing[@]}"; do
    finish_job $n 60 "run $n" && assert_exit $((20 + n)) "run $n finished with its own status"
done
if wait_until 10 none_left; then pass "no container of the runs is left"; else fail "left: $(ours)"; fi
assert_tmpdir_empty "$count runs at once"
note "runs: $((SECONDS - phase_start)) s"

# clean while four runs are going, beside a container without qemu-docker's label.
phase_start=$SECONDS
rm -f "$go/now"
on_exit "eng rm -f $other"
eng run -d --name "$other" $BASE_IMAGE sleep 300 >/dev/null || die "could not start $other"
for n in 1 2 3 4; do
    start_job $n run --label "$mark=$n" -v "$go:/go:ro" $BASE_IMAGE sh -c "$wait_for_go; exit 0"
done
wait_until 60 all_running 4 || die "4 runs: $(ours_running) containers running after 60 s"
qd clean
assert_exit 0 "clean while runs are going"
assert_eq "filter=--filter=label=com.qemu.instance.uuid" "$OUT" "clean prints its filter"
assert_eq "" "$(ours)" "clean removed the runs' containers"
for n in 1 2 3 4; do
    finish_job $n 30 "run $n after clean" &&
        assert_exit_nonzero "run $n ends once clean removed its container"
done
assert_eq running "$(eng inspect --format '{{.State.Status}}' "$other" 2>&1)" \
    "clean left the container without the label running"
eng rm -f "$other" >/dev/null 2>&1
if eng container inspect "$other" >/dev/null 2>&1; then fail "$other still there"; else pass "$other removed"; fi
assert_tmpdir_empty "runs and clean"
note "clean: $((SECONDS - phase_start)) s"

e2e_done
