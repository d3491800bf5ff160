#!/bin/bash
# Scenario 14: engines reached through a remote-engine interface (all on
# this machine, as setup-engines.sh starts them): docker through
# DOCKER_HOST=tcp://127.0.0.1:PORT and through a docker context; podman
# through a rootful `podman system service` by root and by an unprivileged
# user with CONTAINER_HOST and CONTAINER_CONNECTION.  The probe cache keeps
# one record for each, and the user mapping follows what the engine says:
# the rootful service gets no --userns=keep-id (which it refuses) and the
# files cc writes are the user's.  A podman service with another host name
# stands for an engine on another machine: cc compiles plainly there.
. "$(dirname "$0")/lib.sh"
e2e_init
ensure_base_image
export QEMU_DOCKER_TRACE=1
traced() { sed -n 's/^qemu-docker: trace: //p' <<<"$ERR" | sed -E 's/ \([0-9]+ ms\)$//'; }

test_user_init
# as_user_qd [VAR=VALUE...] -- CMD...: CMD as the test user with only the
# engine variables given, traced, with the probe cache off (each command asks
# whether the engine is rootless) and cc's plain run (the user mapping of
# each run is what this checks; 17-warm-compiles.sh the warm ones); leaves
# OUT, ERR and RC.
as_user_qd() {
    local vars=()
    while [ "$1" != -- ]; do vars+=("$1"); shift; done
    shift
    as_user env -u DOCKER_HOST -u CONTAINER_HOST -u CONTAINERS_CONF -u CONTAINERS_REGISTRIES_CONF \
        QEMU_DOCKER_TRACE=1 QEMU_DOCKER_PROBE_CACHE=0 QEMU_DOCKER_REUSE=0 "${vars[@]}" "$@" \
        >"$E2E_TMP/out" 2>"$E2E_TMP/err"
    RC=$?
    OUT=$(cat "$E2E_TMP/out")
    ERR=$(cat "$E2E_TMP/err")
}
mine=$E2E_TMP/user
mkdir -p "$mine" && chown "$user:" "$mine"
cd "$mine" || die "cd $mine"

if [ "$QD_ENGINE" = docker ]; then
    [ -n "${QD_DOCKER_TCP:-}" ] || missing_precondition "no QD_DOCKER_TCP (run scripts/setup-engines.sh)"
    DOCKER_HOST=$QD_DOCKER_TCP qd images -q
    assert_exit 0 "images through $QD_DOCKER_TCP"
    assert_contains "$(traced)" "probe cache: miss" "tcp is a record of its own"
    DOCKER_HOST=$QD_DOCKER_TCP qd run --rm --run-as-current-user $BASE_IMAGE id -u
    assert_exit 0 "run as root through tcp"
    assert_eq "0" "$OUT" "root runs as root through tcp"
    # Output that comes after the client has ended its side of the attach
    # (no stdin) still arrives, as a slow container's output must.
    DOCKER_HOST=$QD_DOCKER_TCP qd run --rm $BASE_IMAGE sh -c 'sleep 1; echo late'
    assert_exit 0 "a slow run through tcp"
    assert_eq "late" "$OUT" "its output arrives"

    # A docker context naming the same endpoint, in a config of our own.
    export DOCKER_CONFIG=$E2E_TMP/docker-config
    mkdir -p "$DOCKER_CONFIG" && chmod 755 "$E2E_TMP" "$DOCKER_CONFIG"
    docker context create qd-e2e --docker "host=$QD_DOCKER_TCP" >/dev/null 2>&1 ||
        die "docker context create failed"
    chmod -R a+rX "$DOCKER_CONFIG"
    # (DOCKER_HOST, even empty, would win over the context.)
    host=$DOCKER_HOST
    unset DOCKER_HOST
    DOCKER_CONTEXT=qd-e2e qd images -q
    assert_exit 0 "images through the docker context"
    assert_contains "$(traced)" "probe cache: miss" "the context is a record of its own"
    export DOCKER_HOST=$host

    # The unprivileged user through tcp and through the context: -u UID, the
    # file is theirs.
    as_user_qd DOCKER_HOST="$QD_DOCKER_TCP" -- "${QD_CMD[@]}" --engine docker cc -i $BASE_IMAGE --cc touch -- tcp-made
    assert_exit 0 "cc as $user through tcp"
    assert_contains "$(traced)" "-u $uid -w $mine" "-u $uid"
    assert_eq "$user" "$(stat -c %U "$mine/tcp-made" 2>&1)" "the file is $user's"
    as_user_qd DOCKER_CONFIG="$DOCKER_CONFIG" DOCKER_CONTEXT=qd-e2e -- "${QD_CMD[@]}" --engine docker \
        cc -i $BASE_IMAGE --cc touch -- ctx-made
    assert_exit 0 "cc as $user through the context"
    assert_eq "$user" "$(stat -c %U "$mine/ctx-made" 2>&1)" "that file is $user's too"
else
    service=${QD_PODMAN_SERVICE:-}
    [ -n "$service" ] || missing_precondition "no QD_PODMAN_SERVICE (run scripts/setup-engines.sh)"
    CONTAINER_HOST=$service qd run --rm --run-as-current-user $BASE_IMAGE id -u
    assert_exit 0 "run as root through the service"
    assert_eq "0" "$OUT" "root is root there"

    conf=${QD_ROOTLESS_CONTAINERS_CONF:-$CONTAINERS_CONF}
    as_user_qd CONTAINERS_CONF="$conf" CONTAINER_HOST="$service" -- "${QD_CMD[@]}" --engine podman \
        run --rm --run-as-current-user $BASE_IMAGE id -u
    assert_exit 0 "run as $user through CONTAINER_HOST (rootful service)"
    assert_eq "$uid" "$OUT" "as $user's uid"
    assert_contains "$(traced)" "podman info --format '{{.Host.Security.Rootless}} {{.Host.Hostname}}' -> exit 0" \
        "the service is asked"
    assert_not_contains "$(traced)" "keep-id" "no keep-id for the rootful service"

    # A connection in a containers.conf of the user's own.
    own=$E2E_TMP/user-conf
    mkdir -p "$own" && cp "$conf" "$own/containers.conf" && chown -R "$user:" "$own"
    as_user_qd CONTAINERS_CONF="$own/containers.conf" -- podman system connection add qd-e2e "$service"
    assert_exit 0 "podman system connection add"
    as_user_qd CONTAINERS_CONF="$own/containers.conf" CONTAINER_CONNECTION=qd-e2e -- \
        "${QD_CMD[@]}" --engine podman cc -i $BASE_IMAGE --cc touch -- conn-made
    assert_exit 0 "cc as $user through CONTAINER_CONNECTION"
    assert_not_contains "$(traced)" "keep-id" "no keep-id through the connection"
    assert_eq "$user" "$(stat -c %U "$mine/conn-made" 2>&1)" "the file is $user's"

    # An engine on another machine: a podman service whose host name is not
    # ours (setup-engines.sh starts it in a UTS namespace of its own).  It
    # could not reach the compile agent's socket nor exec's markers there,
    # so warm compiles fall back to one plain run each, as the trace says;
    # the run warns that the mounts name that machine's directories.
    far=${QD_FAR_PODMAN_SERVICE:-}
    [ -n "$far" ] || missing_precondition "no QD_FAR_PODMAN_SERVICE (run scripts/setup-engines.sh)"
    cd "$E2E_TMP" || die "cd $E2E_TMP"
    cc_reuse() { podman ps -a -q --filter label=com.qemu.cc-reuse; }
    [ -z "$(cc_reuse)" ] || die "warm containers before the far engine's compiles: $(cc_reuse)"
    for n in 1 2; do
        CONTAINER_HOST=$far qd cc -i $BASE_IMAGE --cc sh -- -c 'echo compiled; touch far-made'
        assert_exit 0 "cc $n through an engine on $QD_FAR_HOST"
        assert_eq "compiled" "$OUT" "its output ($n)"
        assert_contains "$ERR" "qemu-docker: warning: the engine runs on $QD_FAR_HOST, not on this machine ($(hostname)): the directories it mounts are $QD_FAR_HOST's" \
            "the warning ($n)"
        assert_contains "$(traced)" "the engine runs on another machine, which cannot see the compile agent's socket or markers: one run per compile" \
            "the trace says why the compile is plain ($n)"
        assert_contains "$(traced)" "podman run --rm --label com.qemu.instance.uuid=" "one plain run ($n)"
        assert_not_contains "$(traced)" "qemu-docker-cc-" "no warm container asked for ($n)"
        assert_eq "" "$(cc_reuse)" "none left ($n)"
    done
    assert_eq "root" "$(stat -c %U "$E2E_TMP/far-made" 2>&1)" "the far engine's run wrote here (this machine)"
fi

e2e_done
