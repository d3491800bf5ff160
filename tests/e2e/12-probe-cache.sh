#!/bin/bash
# Scenario 12: the probe cache on a real engine, seen through
# QEMU_DOCKER_TRACE=1: the first command probes and writes a private record,
# the next ones only run their own engine command; a container command that
# fails keeps it; QEMU_DOCKER_PROBE_CACHE=0 probes every time; `probe`
# always probes; a docker socket that goes away is noticed at once; and an
# unprivileged user gets a record of their own.
. "$(dirname "$0")/lib.sh"
e2e_init
ensure_base_image

# A cache of the scenario's own: XDG_RUNTIME_DIR, private, is where it goes.
runtime=$E2E_TMP/run
mkdir -m 700 "$runtime"
export XDG_RUNTIME_DIR=$runtime QEMU_DOCKER_TRACE=1 QEMU_DOCKER_PROBE_CACHE=1
cache=$runtime/qemu-docker

# The trace lines of the last command, times dropped, record names constant.
traced() { sed -n 's/^qemu-docker: trace: //p' <<<"$ERR" | sed -E 's/ \([0-9]+ ms\)$//; s/probe-[0-9a-f]{16}\.json/probe-KEY.json/'; }
engine_cmd=$QD_ENGINE

qd images -q
assert_exit 0 "images, first"
assert_eq "probe cache: miss $cache/probe-KEY.json
$engine_cmd version -> exit 0
$engine_cmd images -q -> exit 0" "$(traced)" "the first command probes"
assert_eq "700" "$(stat -c %a "$cache")" "the cache directory is private"
assert_eq "600 $(id -un)" "$(stat -c '%a %U' "$cache"/probe-*.json)" "the record is private"

image=qemu/qd-e2e-probe-cache
printf 'FROM %s\nLABEL e2e=probe-cache\n' $BASE_IMAGE >"$E2E_DOCKERFILES/qd-e2e-probe-cache.docker"
on_exit "$QD_ENGINE rmi -f $image"
qd build -t $image -f "$E2E_DOCKERFILES/qd-e2e-probe-cache.docker"
assert_exit 0 "build $image"
qd check --quiet $image "$E2E_DOCKERFILES/qd-e2e-probe-cache.docker"
assert_exit 0 "check, up to date"
assert_eq "probe cache: hit $cache/probe-KEY.json
$engine_cmd inspect $image -> exit 0" "$(traced)" "check asks the engine one thing"

qd run --rm $BASE_IMAGE sh -c 'exit 3'
assert_exit 3 "a container command that fails"
qd images -q
assert_eq "probe cache: hit $cache/probe-KEY.json
$engine_cmd images -q -> exit 0" "$(traced)" "a failing container command keeps it"

QEMU_DOCKER_PROBE_CACHE=0 qd images -q
assert_eq "probe cache: not used
$engine_cmd version -> exit 0
$engine_cmd images -q -> exit 0" "$(traced)" "QEMU_DOCKER_PROBE_CACHE=0 probes"

qd probe
assert_eq "$engine_cmd version -> exit 0
probe cache: refreshed $cache/probe-KEY.json" "$(traced)" "probe always probes"
assert_eq "$([ "$QD_ENGINE" = podman ] && echo podman || echo docker)" "$OUT" "probe's answer"

if [ "$QD_ENGINE" = docker ]; then
    # The daemon's socket through a link that then goes: the next command
    # probes again and says what it tried, as docker.py would.
    real=${DOCKER_HOST:-unix:///var/run/docker.sock}
    ln -s "${real#unix://}" "$E2E_TMP/docker.sock"
    DOCKER_HOST=unix://$E2E_TMP/docker.sock qd images -q
    assert_exit 0 "images through the link"
    DOCKER_HOST=unix://$E2E_TMP/docker.sock qd images -q
    assert_contains "$(traced)" "probe cache: hit" "the link's record is used"
    rm "$E2E_TMP/docker.sock"
    DOCKER_HOST=unix://$E2E_TMP/docker.sock qd images -q
    assert_exit_nonzero "images once the socket is gone"
    assert_contains "$(traced)" "probe cache: miss" "a gone socket is a miss"
    assert_contains "$ERR" "qemu-docker: error: cannot find a working container engine" \
        "the error says no engine works"
fi

# An unprivileged user: a record of their own, in their own directory.
test_user_init
for i in 1 2; do
    as_user "${QD_CMD[@]}" --engine "$QD_ENGINE" images -q >"$E2E_TMP/out" 2>"$E2E_TMP/err"
    RC=$?
    ERR=$(cat "$E2E_TMP/err")
    assert_exit 0 "images as $user ($i)"
done
assert_eq "probe cache: hit $home/.cache/qemu-docker/probe-KEY.json
$engine_cmd images -q -> exit 0" "$(traced)" "$user's second command uses $user's record"
assert_eq "$user" "$(stat -c %U "$home"/.cache/qemu-docker/probe-*.json | sort -u)" \
    "$user's records are $user's"

e2e_done
