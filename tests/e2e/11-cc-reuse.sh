#!/bin/bash
# Scenario 11: cc with QEMU_DOCKER_REUSE=SECONDS compiles in one warm
# container per key: several compiles share it, 8 at once create it once, a
# rebuilt image is used at once, Ctrl-C ends that compile inside the
# container, clean removes it (and the user's lock files), it expires by
# itself with nothing of ours left running, files belong to the invoking
# user (also an unprivileged one: the private dockerd, or rootless podman
# with keep-id), and with QEMU_DOCKER_REUSE=0 each cc is one run --rm.
. "$(dirname "$0")/lib.sh"
e2e_init
ensure_toolchain_image

# The warm containers of qemu-docker, by name, sorted.
warm() { eng ps -a --filter label=com.qemu.cc-reuse --format '{{.Names}}' 2>/dev/null | sort; }
remove_warm() { for c in $(warm); do eng rm -f "$c" >/dev/null 2>&1; done; }
remove_warm
on_exit remove_warm

# The command lines running in container $1, one a line.
processes() {
    eng exec "$1" sh -c 'for d in /proc/[0-9]*; do tr "\0" " " <$d/cmdline; echo; done' 2>/dev/null
}
in_container() { processes "$1" | grep -q "^$2"; }
not_in_container() { ! in_container "$@"; }

work=$E2E_TMP/work
mkdir -p "$work"
printf 'int main(void) { return 0; }\n' >"$work/ok.c"
cd "$work" || die "cd $work"

# QEMU_DOCKER_REUSE=0: one run --rm, nothing kept (the default is warm:
# 17-warm-compiles.sh).
QEMU_DOCKER_REUSE=0 qd cc -i $TOOLCHAIN_IMAGE --cc gcc -- -c ok.c -o off.o
assert_exit 0 "cc with QEMU_DOCKER_REUSE=0"
assert_eq "" "$(warm)" "no warm container with QEMU_DOCKER_REUSE=0"

export QEMU_DOCKER_REUSE=120
for i in 1 2 3; do
    qd cc -i $TOOLCHAIN_IMAGE --cc gcc -- -c ok.c -o "ok$i.o"
    assert_exit 0 "warm compile $i"
done
assert_eq 1 "$(warm | wc -l)" "three compiles, one container"
assert_eq "$(id -un)" "$(stat -c %U ok3.o 2>&1)" "the object belongs to $(id -un)"
first=$(warm)
if [ "$QD_ENGINE" = docker ] && [[ ${DOCKER_HOST:-} == unix://* ]]; then
    # docker on its unix socket: the compile asks the daemon's API for the
    # image's id, once, and the agent compiles as it runs that image; no
    # docker inspect, no question about the container.
    id=$(eng image inspect --format '{{.Id}}' $TOOLCHAIN_IMAGE)
    QEMU_DOCKER_TRACE=1 qd cc -i $TOOLCHAIN_IMAGE --cc gcc -- -c ok.c -o api.o
    assert_exit 0 "a traced warm compile"
    assert_contains "$ERR" "docker's API at ${DOCKER_HOST#unix://}: $TOOLCHAIN_IMAGE is $id (" \
        "docker's API gave the image's id"
    assert_eq 1 "$(grep -c "docker's API" <<<"$ERR")" "one question to docker's API"
    assert_contains "$ERR" "compiled by the agent in $first: status 0" "the agent compiled"
    assert_not_contains "$ERR" "docker inspect" "no docker inspect"
fi

qd cc -i $TOOLCHAIN_IMAGE --cc gcc -- -c no-such-file.c
assert_exit_nonzero "a failing compile"
assert_contains "$ERR" "no-such-file.c" "the compiler's error is shown"
assert_eq "$first" "$(warm)" "the same container after a failing compile"

# 8 at once in another directory (another key): one container is created.
mkdir -p "$work/par" && cp ok.c "$work/par/"
cd "$work/par" || die "cd $work/par"
pids=()
for i in 1 2 3 4 5 6 7 8; do
    TMPDIR=$E2E_TMP/tmp "${QD_CMD[@]}" --engine "$QD_ENGINE" cc -i $TOOLCHAIN_IMAGE --cc gcc \
        -- -c ok.c -o "p$i.o" >"$E2E_TMP/par$i.out" 2>&1 &
    pids+=($!)
done
failed=0
for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
assert_eq 0 "$failed" "8 compiles at once all succeed"
assert_eq 8 "$(ls p?.o 2>/dev/null | wc -l)" "8 objects written"
assert_eq 2 "$(warm | wc -l)" "8 compiles at once made one more container"
cd "$work" || die "cd $work"

# A rebuilt image is used at once, whoever rebuilt it.
tag=qemu/qd-e2e-s11-stamp
on_exit "eng rmi -f $tag"
printf 'FROM %s\nRUN echo one > /stamp\n' $TOOLCHAIN_IMAGE | eng build -q -t $tag - >/dev/null 2>&1 ||
    die "could not build $tag"
qd cc -i $tag --cc cat -- /stamp
assert_eq "one" "$OUT" "the compile runs in the image"
printf 'FROM %s\nRUN echo two > /stamp\n' $TOOLCHAIN_IMAGE | eng build -q -t $tag - >/dev/null 2>&1 ||
    die "could not rebuild $tag"
QEMU_DOCKER_TRACE=1 qd cc -i $tag --cc cat -- /stamp
assert_eq "two" "$OUT" "right after a rebuild, the compile runs in the new image"
if [ "$QD_ENGINE" = docker ] && [[ ${DOCKER_HOST:-} == unix://* ]]; then
    assert_contains "$ERR" "runs an older $tag" "the older image's agent said so"
fi

# Ctrl-C ends that compile, inside the container too, and nothing else.
TMPDIR=$E2E_TMP/tmp "${QD_CMD[@]}" --engine "$QD_ENGINE" cc -i $TOOLCHAIN_IMAGE --cc sleep \
    -- 300 >/dev/null 2>&1 &
pid=$!
wait_until 20 in_container "$first" "sleep 300" || fail "the long compile started in $first"
kill -INT $pid
wait_until 10 exited $pid || fail "qemu-docker ended after SIGINT"
wait $pid
RC=$?
assert_exit 130 "cc after SIGINT"
wait_until 5 not_in_container "$first" "sleep 300"
assert_not_contains "$(processes "$first")" "sleep 300" "the compile ended inside the container"
assert_contains "$(warm)" "$first" "the container stays for other compiles"

# clean removes warm containers with the others.
qd clean
assert_exit 0 "clean"
assert_eq "" "$(warm)" "clean removed the warm containers"

# Expiry: nothing of qemu-docker's stays to time it.
QEMU_DOCKER_REUSE=2 qd cc -i $TOOLCHAIN_IMAGE --cc gcc -- -c ok.c -o expiring.o
assert_exit 0 "compile with QEMU_DOCKER_REUSE=2"
assert_eq 1 "$(warm | wc -l)" "its container runs"
assert_eq "" "$(pgrep -f "^${QD_CMD[0]} " || true)" "no qemu-docker process stays behind"
no_warm() { [ -z "$(warm)" ]; }
if wait_until 20 no_warm; then pass "the container ended by itself"; else fail "still there after 20 s: $(warm)"; fi

# As an unprivileged user: the object file is the user's.
test_user_init
user_compile_setup
cd "$mine" || die "cd $mine"
for f in a b; do
    as_user env QEMU_DOCKER_REUSE=60 "${QD_CMD[@]}" --engine "$QD_ENGINE" cc -i $image --cc touch -- "$f" \
        >"$E2E_TMP/out" 2>"$E2E_TMP/err"
    RC=$?
    ERR=$(cat "$E2E_TMP/err")
    assert_exit 0 "warm compile $f as $user"
    assert_eq "$user" "$(stat -c %U "$mine/$f" 2>&1)" "file $f belongs to $user"
done
assert_eq 1 "$(as_user "$QD_ENGINE" ps --filter label=com.qemu.cc-reuse --format '{{.Names}}' \
    2>/dev/null | wc -l)" "$user's compiles share one container"
locks() { find "$home/.cache/qemu-docker" -name 'cc-*.lock' 2>/dev/null | wc -l; }
assert_eq yes "$([ "$(locks)" -ge 1 ] && echo yes)" "$user's compiles have a lock file"
as_user "${QD_CMD[@]}" --engine "$QD_ENGINE" clean >/dev/null 2>&1
assert_eq 0 "$(locks)" "clean removed $user's lock files"
cd "$work" || die "cd $work"
assert_tmpdir_empty "cc with reuse"

e2e_done
