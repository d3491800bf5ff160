# Source this: with_state_lock serialises the scripts that set up, use and
# stop the engines of $QD_STATE_DIR (test.sh, quickstart.sh).
# shellcheck shell=bash

# with_state_lock WHO CMD...: runs CMD (a command or a shell function) holding
# an exclusive flock on $QD_STATE_DIR/lock.  A second run on the machine
# waits for the first to end, and says so on stderr.  The lock is this
# shell's descriptor 9, and CMD runs with it closed: a daemon started under
# CMD (dockerd, the registry, a container's conmon, podman's pause process)
# would otherwise hold the lock after this run has ended.  An EXIT trap runs
# with descriptor 9 open again: close it there too (9>&-).
with_state_lock() {
    local who=$1 state=${QD_STATE_DIR:-/var/tmp/qemu-docker-tests}
    shift
    mkdir -p "$state"
    exec 9>>"$state/lock"
    if ! flock -n 9; then
        echo "$who: waiting for $state/lock: another run is using the engines" >&2
        flock 9
    fi
    "$@" 9>&-
}
