#!/bin/bash
# Scenario 8: SIGINT, SIGTERM and SIGHUP to "qemu-docker run IMG sleep 300":
# within a few seconds its container is gone and qemu-docker has exited
# non-zero (128+N); also SIGINT to its process group, as Ctrl-C sends it.
# Then "clean" removes every labelled container, and only those.
. "$(dirname "$0")/lib.sh"
e2e_init
ensure_base_image

container_exists() { eng container inspect "$1" >/dev/null 2>&1; }
# Labelled containers that were not there before (others may share the engine).
new_labelled() { comm -13 <(sort <<<"$before") <(labelled_containers | sort); }
ours_appeared() { ours=$(new_labelled); [ -n "$ours" ]; }
# Ours, once it runs.  Signalled while the engine is still creating it, a
# client that ends with the process group (docker 20's, under load) leaves
# a container that starts only then, which neither qemu-docker nor docker.py
# lists (ps without -a): a gap of both, not what this scenario is about.
ours_running() { ours_appeared && [ -n "$(eng ps -q --filter "id=${ours%%$'\n'*}" 2>/dev/null)" ]; }
ours_gone() {
    local c
    for c in $ours; do container_exists "$c" && return 1; done
    return 0
}
# When a run fails: stop_run PID kills its whole process group (qemu-docker
# and the engine client), remove_ours the labelled containers it left.
stop_run() { kill -KILL -- -"$1" 2>/dev/null; wait "$1" 2>/dev/null; }
remove_ours() { ours=$(new_labelled); [ -z "$ours" ] || eng rm -f $ours >/dev/null 2>&1; }

# interrupt_run SIG STATUS [group]: "group" signals the whole process group
# (qemu-docker and the engine client), as Ctrl-C in a terminal does.
interrupt_run() {
    local sig=$1 status=$2 target=${3:-process} pid rc before ours=
    before=$(labelled_containers)
    # Job control gives the background job its own process group and keeps
    # SIGINT from being ignored in it, as it would be for a plain "&".
    set -m
    TMPDIR=$E2E_TMP/tmp "${QD_CMD[@]}" --engine "$QD_ENGINE" run $BASE_IMAGE sleep 300 \
        >"$E2E_TMP/out" 2>"$E2E_TMP/err" &
    pid=$!
    set +m
    if ! wait_until 60 ours_running; then
        fail "SIG$sig to the $target: no labelled container appeared"
        stop_run $pid
        remove_ours
        return
    fi
    if [ "$target" = group ]; then kill -s "$sig" -- -$pid; else kill -s "$sig" $pid; fi
    if wait_until 15 exited $pid; then
        wait $pid
        rc=$?
        RC=$rc OUT=$(cat "$E2E_TMP/out") ERR=$(cat "$E2E_TMP/err")
        assert_exit "$status" "SIG$sig to the $target: qemu-docker exited"
    else
        fail "SIG$sig to the $target: qemu-docker still running 15 s later"
        stop_run $pid
    fi
    if wait_until 5 ours_gone; then
        pass "SIG$sig to the $target: its container is gone"
    else
        fail "SIG$sig to the $target: container left: $ours"
        remove_ours
    fi
}

interrupt_run INT 130
interrupt_run TERM 143
interrupt_run HUP 129
interrupt_run INT 130 group

# clean: two labelled containers (one running, one never started) and one
# without the label.
running=$(eng run -d --label com.qemu.instance.uuid=qd-e2e-running $BASE_IMAGE sleep 300)
created=$(eng create --label com.qemu.instance.uuid=qd-e2e-created $BASE_IMAGE true)
other=$(eng run -d $BASE_IMAGE sleep 300)
# One rm each: podman's rm -f of several removes none when one is gone already
# (clean removes the labelled two), which left the third behind each run.
for c in $running $created $other; do on_exit "eng rm -f $c"; done
labelled=$(labelled_containers --no-trunc)
assert_contains "$labelled" "$running" "the running labelled container is listed"
assert_contains "$labelled" "$created" "the created labelled container is listed"

qd clean
assert_exit 0 "clean"
assert_eq "filter=--filter=label=com.qemu.instance.uuid" "$OUT" "clean prints its filter"
assert_eq "" "$(labelled_containers)" "clean removed every labelled container"
container_exists "$running" && fail "running labelled container still there" || pass "running labelled container removed"
container_exists "$created" && fail "created labelled container still there" || pass "created labelled container removed"
assert_eq true "$(eng inspect --format '{{.State.Running}}' "$other" 2>&1)" \
    "clean left the unlabelled container running"

e2e_done
