#!/bin/bash
# Scenario 13 (podman only): podman behind a `docker` command, Debian's
# podman-docker, unpacked by scripts/setup-engines.sh.  `probe` says docker
# (configure runs that command), but qemu-docker treats it as podman: no
# BuildKit, `rm --time 0`, and for an unprivileged user (rootless podman)
# --userns=keep-id, so the files cc writes are the user's own.
. "$(dirname "$0")/lib.sh"
e2e_init
[ "$QD_ENGINE" = podman ] || die "13-podman-docker is for the podman variant only"
ensure_base_image

shim=${QD_PODMAN_DOCKER_BIN:-${QD_STATE_DIR:-/var/tmp/qemu-docker-tests}/podman-docker/usr/bin}
[ -x "$shim/docker" ] || missing_precondition "no podman-docker shim in $shim (run scripts/setup-engines.sh)"
export PATH=$shim:$PATH QEMU_DOCKER_TRACE=1
traced() { sed -n 's/^qemu-docker: trace: //p' <<<"$ERR" | sed -E 's/ \([0-9]+ ms\)$//'; }
# qd with --engine docker: the shim.
qdd() {
    TMPDIR=$E2E_TMP/tmp "${QD_CMD[@]}" --engine docker "$@" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
    RC=$?
    OUT=$(cat "$E2E_TMP/out")
    ERR=$(cat "$E2E_TMP/err")
}

qdd probe
assert_exit 0 "probe through the shim"
assert_eq docker "$OUT" "probe says docker, the command to run"

# A build: podman's, without DOCKER_BUILDKIT.
image=qemu/qd-e2e-podman-docker
printf 'FROM %s\nLABEL e2e=podman-docker\n' $BASE_IMAGE >"$E2E_DOCKERFILES/qd-e2e-podman-docker.docker"
on_exit "podman rmi -f $image"
qdd build -t $image -f "$E2E_DOCKERFILES/qd-e2e-podman-docker.docker"
assert_exit 0 "build through the shim"
assert_contains "$(traced)" $'\ndocker build -t '"$image" "the build is a plain docker build"
assert_not_contains "$(traced)" "DOCKER_BUILDKIT" "no BuildKit for podman"
assert_eq "podman-docker" "$(podman image inspect --format '{{index .Labels "e2e"}}' $image)" \
    "podman holds the image"

# clean removes without podman's 10 s wait.
cid=$(podman run -d --label com.qemu.instance.uuid=e2e13 $BASE_IMAGE sleep 300)
on_exit "podman rm -f --time 0 $cid"
start=$SECONDS
qdd clean
assert_exit 0 "clean through the shim"
assert_contains "$(traced)" "docker rm -f --time 0 ${cid:0:12}" "rm --time 0"
assert_eq "" "$(podman ps -aq --filter id="$cid")" "the container is gone"
if [ $((SECONDS - start)) -lt 8 ]; then pass "clean took $((SECONDS - start)) s"; else fail "clean took $((SECONDS - start)) s"; fi

# An unprivileged user whose docker is podman: rootless, so keep-id.
test_user_init
if ! as_user podman image inspect $BASE_IMAGE >/dev/null 2>&1; then
    podman save $BASE_IMAGE 2>/dev/null | as_user podman load >/dev/null 2>&1 ||
        die "could not load $BASE_IMAGE for $user"
fi
mine=$E2E_TMP/user
mkdir -p "$mine" && chown "$user:" "$mine"
cd "$mine" || die "cd $mine"
as_user env -u DOCKER_HOST QEMU_DOCKER_TRACE=1 QEMU_DOCKER_PROBE_CACHE=0 \
    "${QD_CMD[@]}" --engine docker cc -i $BASE_IMAGE --cc touch -- made >"$E2E_TMP/out" 2>"$E2E_TMP/err"
RC=$?
ERR=$(cat "$E2E_TMP/err")
assert_exit 0 "cc as $user through the shim"
assert_contains "$(traced)" "docker info --format '{{.Host.Security.Rootless}} {{.Host.Hostname}}' -> exit 0" \
    "asks podman whether it is rootless"
assert_contains "$(traced)" "--userns=keep-id -u $(id -u "$user")" "keep-id for rootless podman"
assert_eq "$user" "$(stat -c %U "$mine/made" 2>&1)" "the file cc made is $user's"

e2e_done
