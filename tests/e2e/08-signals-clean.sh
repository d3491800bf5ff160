#!/bin/bash
# Scenario 8: SIGINT, SIGTERM and SIGHUP to "qemu-docker run IMG sleep 300":
# within a few seconds its container is gone and qemu-docker has exited
# non-zero (128+N); also SIGINT to its process group, as Ctrl-C sends it.  Then "clean" removes every labelled container, and
# only those.
. "$(dirname "$0")/lib.sh"
e2e_init
ensure_base_image

# wait_until SECONDS CMD...: polls CMD every 0.2 s.
wait_until() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.2
    done
}
labelled_running() { [ -n "$(labelled_containers)" ]; }
no_labelled() { [ -z "$(labelled_containers)" ]; }
exited() { ! kill -0 "$1" 2>/dev/null; }

# Leftovers of an earlier run would confuse the counts.
for c in $(labelled_containers); do eng rm -f "$c" >/dev/null 2>&1; done

# interrupt_run SIG STATUS [group]: "group" signals the whole process group
# (qemu-docker and the engine client), as Ctrl-C in a terminal does.
interrupt_run() {
    local sig=$1 status=$2 target=${3:-process} pid rc
    # Job control gives the background job its own process group and keeps
    # SIGINT from being ignored in it, as it would be for a plain "&".
    set -m
    TMPDIR=$E2E_TMP/tmp "${QD_CMD[@]}" --engine "$QD_ENGINE" run $BASE_IMAGE sleep 300 \
        >"$E2E_TMP/out" 2>"$E2E_TMP/err" &
    pid=$!
    set +m
    if ! wait_until 60 labelled_running; then
        fail "SIG$sig to the $target: no labelled container appeared"
        kill -KILL $pid 2>/dev/null
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
        kill -KILL $pid 2>/dev/null
    fi
    if wait_until 5 no_labelled; then
        pass "SIG$sig to the $target: no labelled container left"
    else
        fail "SIG$sig to the $target: containers left: $(labelled_containers | tr '\n' ' ')"
    fi
}

interrupt_run INT 130
interrupt_run TERM 143
interrupt_run HUP 129
interrupt_run INT 130 group

# clean: two labelled containers (one running, one never started) and one
# without the label.
eng run -d --label com.qemu.instance.uuid=qd-e2e-running $BASE_IMAGE sleep 300 >/dev/null
eng create --label com.qemu.instance.uuid=qd-e2e-created $BASE_IMAGE true >/dev/null
other=$(eng run -d $BASE_IMAGE sleep 300)
on_exit "eng rm -f $other"
assert_eq 2 "$(labelled_containers | wc -l)" "two labelled containers before clean"

qd clean
assert_exit 0 "clean"
assert_eq "filter=--filter=label=com.qemu.instance.uuid" "$OUT" "clean prints its filter"
assert_eq "" "$(labelled_containers)" "clean removed the labelled containers"
assert_eq true "$(eng inspect --format '{{.State.Running}}' "$other" 2>&1)" \
    "clean left the unlabelled container running"

e2e_done
