#!/bin/bash
# Scenario 18: `doctor` and `probe` on real engine set-ups, each broken in
# turn: the engine as set up (root, then the test user), an engine whose
# daemon is gone, one that accepts but never answers (doctor ends it), a
# user with no subuid range and not in docker's group, and one in that group
# whose login session does not have it yet.  doctor changes nothing: the
# engine's images and containers are the same after it.
. "$(dirname "$0")/lib.sh"
e2e_init
test_user_init

# finding CHECK: "level|detail" of CHECK in the last doctor --json's stdout.
finding() {
    /usr/bin/python3 -c '
import json, sys
report = json.loads(sys.stdin.read())
print("\n".join(c["level"] + "|" + c["detail"] for c in report["checks"] if c["check"] == sys.argv[1]))
' "$1" <<<"$OUT"
}
engine_of() { /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["engine"])' <<<"$OUT"; }
# As qd, run by another user: qd_as WRAPPER... -- ARGS...
qd_as() {
    local wrapper=()
    while [ "$1" != -- ]; do
        wrapper+=("$1")
        shift
    done
    shift
    "${wrapper[@]}" "${QD_CMD[@]}" --engine "$QD_ENGINE" "$@" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
    RC=$?
    OUT=$(cat "$E2E_TMP/out")
    ERR=$(cat "$E2E_TMP/err")
}
see_doctor="qemu-docker: no container engine works; \`qemu-docker doctor\` says why and how to mend it"

# --- The engine as set up, as root.
before=$($QD_ENGINE ps -a -q | sort; $QD_ENGINE images -q | sort)
qd doctor --json
assert_exit 0 "doctor, engine as set up"
assert_eq "$QD_ENGINE" "$(engine_of)" "doctor names the engine probe answers"
assert_eq "ok|$QD_ENGINE is $(command -v $QD_ENGINE)" "$(finding $QD_ENGINE)" "the program"
assert_contains "$(finding "$QD_ENGINE version")" "ok|answers: " "version answers"
case $QD_ENGINE in
    podman) driver=$(podman info --format '{{.Store.GraphDriverName}}') ;;
    docker) driver=$(docker info --format '{{.Driver}}') ;;
esac
assert_eq "ok|rootful, storage $driver" "$(finding "$QD_ENGINE info")" \
    "info answers, rootful, with the storage driver"
assert_eq "ok|this machine" "$(finding "$QD_ENGINE host")" "the engine runs here"
if [ "$QD_ENGINE" = docker ]; then
    assert_eq "ok|${DOCKER_HOST#unix://}: yours to use (group docker)" "$(finding "docker socket")" \
        "the socket"
fi
assert_contains "$(finding "binfmt_misc")" "qemu-* entries, all with the F flag" \
    "binfmt_misc (setup-engines registers qemu-user-static's, with F)"
assert_contains "$(finding "free space")" " GiB free in /" "free space where the images are"
qd doctor
assert_exit 0 "doctor's table"
assert_contains "$OUT" "ok    engine " "one aligned line per finding"
assert_eq "" "$ERR" "nothing on stderr"
after=$($QD_ENGINE ps -a -q | sort; $QD_ENGINE images -q | sort)
assert_eq "$before" "$after" "doctor changed no container and no image"

# --- An engine on another machine: the podman service whose host name is
# qd-far-away (setup-engines.sh) works, with a warning, and the checks of
# this machine's binfmt_misc and disk are not made for it.
if [ "$QD_ENGINE" = podman ]; then
    [ -n "${QD_FAR_PODMAN_SERVICE:-}" ] || missing_precondition "no QD_FAR_PODMAN_SERVICE (run scripts/setup-engines.sh)"
    CONTAINER_HOST=$QD_FAR_PODMAN_SERVICE qd doctor --json
    assert_exit 0 "doctor, an engine on $QD_FAR_HOST"
    assert_eq "warn|$QD_FAR_HOST, not this machine ($(hostname)): bind mounts name $QD_FAR_HOST's directories" \
        "$(finding "podman host")" "another machine, said"
    assert_eq "ok|not checked: the engine runs on $QD_FAR_HOST" "$(finding "binfmt_misc, free space")" \
        "this machine's binfmt and disk not taken for the engine's"
fi

# --- The daemon gone: a socket path where none listens.
gone=unix://$E2E_TMP/gone.sock
if [ "$QD_ENGINE" = docker ]; then
    DOCKER_HOST=$gone qd doctor --json
    assert_exit 1 "doctor, daemon gone"
    assert_contains "$(finding "docker version")" "fail|Cannot connect to the Docker daemon at $gone" \
        "docker's own words"
    assert_eq "fail|$E2E_TMP/gone.sock: no such file" "$(finding "docker socket")" "no socket there"
    DOCKER_HOST=$gone qd probe
    assert_eq "no" "$OUT" "probe: no"
    assert_eq "$see_doctor" "$(tail -n 1 <<<"$ERR")" "probe points at doctor"
    assert_contains "$(head -n 1 <<<"$ERR")" "qemu-docker: docker version: Cannot connect to the Docker daemon at $gone" \
        "probe says why"
else
    CONTAINER_HOST=$gone qd doctor --json
    assert_exit 1 "doctor, podman service gone"
    assert_contains "$(finding "podman version")" "fail|Cannot connect to Podman." \
        "podman version fails, in podman's own words"
    CONTAINER_HOST=$gone qd probe
    assert_eq "no" "$OUT" "probe: no"
    assert_contains "$(head -n 1 <<<"$ERR")" "qemu-docker: podman version: " "probe says why"
    assert_eq "$see_doctor" "$(tail -n 1 <<<"$ERR")" "probe points at doctor"
fi
assert_eq 0 "$RC" "probe exits 0"

# --- A daemon that accepts and never answers: doctor ends the call.
hung=$E2E_TMP/hung.sock
/usr/bin/python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
s.listen(8)
held = []
while True:
    held.append(s.accept())
' "$hung" &
listener=$!
on_exit "kill $listener"
wait_until 5 test -S "$hung" || fail "the silent socket is there"
start=$SECONDS
if [ "$QD_ENGINE" = docker ]; then
    DOCKER_HOST=unix://$hung qd doctor --json
else
    CONTAINER_HOST=unix://$hung qd doctor --json
fi
assert_exit 1 "doctor, engine hung"
assert_eq "fail|no answer in 5 s (ended)" "$(finding "$QD_ENGINE version")" "the hung call is ended and said"
[ $((SECONDS - start)) -lt 20 ] && pass "doctor ended in $((SECONDS - start)) s" ||
    fail "doctor took $((SECONDS - start)) s"
assert_eq "" "$(pgrep -f "^$QD_ENGINE version" || true)" "no engine client left"

# --- The test user (rootless podman; docker through its group).
cd /tmp || die "cd /tmp"
qd_as as_user -- doctor --json
assert_exit 0 "doctor as $user"
if [ "$QD_ENGINE" = podman ]; then
    assert_contains "$(finding "podman info")" "ok|rootless, storage " "rootless podman"
    range=$(grep "^$user:" /etc/subuid | head -n 1 | cut -d: -f2,3)
    assert_eq "ok|$user: ${range%%:*}-$((${range%%:*} + ${range##*:} - 1)) (${range##*:} ids)" \
        "$(finding /etc/subuid)" "the user's subuid range"
    assert_eq "ok|$(command -v newuidmap)" "$(finding newuidmap)" "newuidmap may map ids"
    assert_contains "$(finding "free space")" "$home/" "free space in the user's storage"
else
    assert_eq "ok|${DOCKER_HOST#unix://}: yours to use (group docker)" "$(finding "docker socket")" \
        "the socket, through the group"
fi

# --- A user with no subuid range, not in docker's group.
plain=qdplain$$
useradd -m -K SUB_UID_COUNT=0 -K SUB_GID_COUNT=0 "$plain" || die "useradd $plain"
on_exit "pkill -KILL -u $plain; sleep 0.2; userdel -r $plain"
plain_as() { runuser -u "$plain" -- env -u XDG_RUNTIME_DIR HOME="/home/$plain" PATH="$PATH" \
    TMPDIR=/tmp DOCKER_HOST="${DOCKER_HOST:-}" CONTAINERS_CONF="${QD_ROOTLESS_CONTAINERS_CONF:-}" "$@"; }
qd_as plain_as -- doctor --json
if [ "$QD_ENGINE" = podman ]; then
    assert_exit 0 "doctor as $plain (podman maps the user's own id)"
    assert_eq "warn|no range for $plain: rootless podman maps your own id only, so images with files of other users fail" \
        "$(finding /etc/subuid)" "no subuid range, said"
    assert_contains "$(finding /etc/subgid)" "warn|no range for $plain" "no subgid range, said"
else
    assert_exit 1 "doctor as $plain"
    assert_contains "$(finding "docker version")" "fail|permission denied while trying to connect to the Docker daemon socket" \
        "docker's own words"
    assert_eq "fail|${DOCKER_HOST#unix://}: only root and group docker may use it, and $plain is not in it" \
        "$(finding "docker socket")" "not in the group, said"
    qd_as plain_as -- probe
    assert_eq "no" "$OUT" "probe as $plain: no"
    assert_contains "$ERR" "qemu-docker: docker version: permission denied" "probe says why"

    # In the group now, but this session was started before.
    usermod -aG docker "$plain"
    plain_uid=$(id -u "$plain")
    qd_as setpriv --reuid="$plain_uid" --regid="$plain_uid" --clear-groups env HOME="/home/$plain" \
        DOCKER_HOST="$DOCKER_HOST" -- doctor --json
    assert_exit 1 "doctor, group not in the session"
    assert_eq "fail|${DOCKER_HOST#unix://}: you are in group docker, but this login session is not yet" \
        "$(finding "docker socket")" "log in again, said"
fi
e2e_done
