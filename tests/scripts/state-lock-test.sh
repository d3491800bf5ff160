#!/bin/bash
# with_state_lock (scripts/state-lock.sh): two runs at once take turns and
# the second says on stderr that it waits; the body's status is returned;
# a daemon started under the lock does not keep it.  No engine needed.
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
# For assert_eq, wait_until and e2e_done only: no engine is used.
. "$source_dir/tests/e2e/lib.sh"
tmp=$(mktemp -d)
first='' second='' daemon=''
cleanup() {
    local pid
    for pid in $first $second $daemon; do kill "$pid" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
export QD_STATE_DIR=$tmp/state
# locked NAME CMD...: a new shell running CMD under with_state_lock NAME, for
# 20 s at most (status 124 then); its stderr goes to $tmp/NAME.err.
locked() {
    local name=$1
    shift
    timeout 20 bash -c '. "$1/scripts/state-lock.sh"; shift; with_state_lock "$@"' _ "$source_dir" "$name" "$@" \
        2>"$tmp/$name.err"
}
# A body that logs its start, waits for $tmp/release.NAME, and logs its end.
body() {
    echo "bash -c 'echo start $1 >>$tmp/log; until [ -e $tmp/release.$1 ]; do sleep 0.1; done; echo end $1 >>$tmp/log'"
}
log_is() { [ "$(cat "$tmp/log" 2>/dev/null)" = "$1" ]; }
says_waiting() { grep -qs . "$tmp/second.err"; }

locked first sh -c "$(body first)" &
first=$!
wait_until 10 log_is "start first" || fail "the first body did not start"
locked second sh -c "$(body second)" &
second=$!
wait_until 10 says_waiting
assert_eq "second: waiting for $QD_STATE_DIR/lock: another run is using the engines" \
    "$(cat "$tmp/second.err")" "the second run says it waits"
assert_eq "start first" "$(cat "$tmp/log")" "the second body has not started while the first holds the lock"
touch "$tmp/release.first" "$tmp/release.second"
wait $first
wait $second
assert_eq "start first
end first
start second
end second" "$(cat "$tmp/log")" "the bodies ran one after the other"
assert_eq "" "$(cat "$tmp/first.err")" "the first run printed nothing"

locked status sh -c 'exit 7'
assert_eq 7 $? "the body's status is returned"

# The body leaves a daemon behind: it must not have the lock open.
locked daemon sh -c "sleep 300 </dev/null >/dev/null 2>&1 & echo \$! >$tmp/daemon.pid"
daemon=$(cat "$tmp/daemon.pid")
held=$(find "/proc/$daemon/fd" -lname "$QD_STATE_DIR/lock" 2>/dev/null)
assert_eq "" "$held" "the daemon does not hold the lock file open"
locked after true
assert_eq "0:" "$?:$(cat "$tmp/after.err")" "a run after it takes the lock at once"

e2e_done
