#!/bin/bash
# Scenario 15: a QEMU-shaped tree (examples/qemu-tree) with qemu-docker's
# shim as its tests/docker/docker.py, from configure to running test
# programs: configure's probe through $python, the tree's forty-odd test
# programs compiled, archived, listed, stripped and linked through CC, AR,
# RANLIB, NM and STRIP (warm containers on) and each run, the linux-user
# rule's check fallback and build, the toolchain rule's fetch + update ...
# PREPARE, and docker-clean.
. "$(dirname "$0")/lib.sh"
e2e_init
ensure_toolchain_image
[ "${#QD_CMD[@]}" -eq 1 ] || skip_all "the shim runs a qemu-docker binary, not $QEMU_DOCKER"
[ -n "${QD_REGISTRY:-}" ] || die "QD_REGISTRY is not set (source scripts/engines-env.sh)"
command -v make >/dev/null || missing_precondition "no make"

tree=$E2E_TMP/qemu
cp -rL "$QD_SOURCE_DIR/examples/qemu-tree" "$tree" # the shim copied in
export QEMU_DOCKER=${QD_CMD[0]} TMPDIR=$E2E_TMP/tmp
eng tag $BASE_IMAGE qemu-tree/base >/dev/null || die "tag qemu-tree/base"
on_exit "$QD_ENGINE rmi -f qemu-tree/base qemu/debian-arm64 qemu/qd-e2e-tree-tc $QD_REGISTRY/qemu/qd-e2e-tree-tc"
warm() { eng ps -a --filter label=com.qemu.cc-reuse --format '{{.Names}}' 2>/dev/null; }
on_exit "for c in \$($QD_ENGINE ps -aq --filter label=com.qemu.cc-reuse); do $QD_ENGINE rm -f \$c; done"

mkdir -p "$tree/build" && cd "$tree/build" || die "cd build"
# run CMD...: OUT, ERR, RC.
run() { "$@" >"$E2E_TMP/out" 2>"$E2E_TMP/err"; RC=$?; OUT=$(cat "$E2E_TMP/out"); ERR=$(cat "$E2E_TMP/err"); }

run ../configure --container-engine=$QD_ENGINE --image=$TOOLCHAIN_IMAGE
assert_exit 0 "configure"
assert_eq "container engine: $QD_ENGINE" "$OUT" "configure's probe through \$python docker.py"
assert_eq "CC=python3 $tree/tests/docker/docker.py --engine $QD_ENGINE cc --cc gcc -i $TOOLCHAIN_IMAGE -s $tree --" \
    "$(grep '^CC=' tests/tcg/config-target.mak)" "the CC line QEMU writes"

run make check-tcg QEMU_DOCKER_REUSE=60
assert_exit 0 "make check-tcg"
assert_contains "$OUT" "hello from the container's gcc" "hello runs"
assert_contains "$OUT" "sum 42" "sum runs"
assert_contains "$OUT" "strlen 30" "the stripped program runs"
# Every program in the tree (each prints "OK NAME" when its checks pass).
progs=$(cd "$tree/tests/tcg" && for c in *.c; do [ "$c" = util.c ] || echo "${c%.c}"; done)
missing=
for p in $progs; do
    [ -x "tests/tcg/$p" ] && grep -qx "OK $p" <<<"$OUT" || missing+=" $p"
done
assert_eq "" "$missing" "all $(wc -w <<<"$progs") test programs built, ran and printed OK"
assert_eq "$(($(wc -w <<<"$progs") + 1))" "$(grep -c '^OK ' <<<"$OUT")" "one OK line each, and the stripped one's"
assert_contains "$(cat tests/tcg/symbols.txt 2>&1)" "T tcg_add" "nm listed the library"
assert_eq "$(id -un)" "$(stat -c %U tests/tcg/libtcg.a 2>&1)" "the archive is the user's"
assert_eq "" "$(find tests/tcg ! -user "$(id -un)" 2>&1)" "every file the build made is the user's"
assert_eq 1 "$(warm | wc -l)" "the compiles shared one warm container"

run make docker-binfmt-image-debian-arm64 EXECUTABLE=$E2E_TMP/no-qemu-aarch64
assert_exit_nonzero "linux-user rule without the executable or the image"
assert_contains "$OUT" "You will need to build $E2E_TMP/no-qemu-aarch64" "its message"
[ -x /usr/bin/qemu-aarch64 ] || missing_precondition "no /usr/bin/qemu-aarch64 (run scripts/setup-engines.sh)"
run make docker-binfmt-image-debian-arm64 EXECUTABLE=/usr/bin/qemu-aarch64
assert_exit 0 "linux-user rule builds with the executable"
assert_eq "linux-user" "$(eng image inspect --format '{{index .Config.Labels "qemu-tree"}}' qemu/debian-arm64 2>&1)" \
    "the image is built"
run make docker-binfmt-image-debian-arm64 EXECUTABLE=$E2E_TMP/no-qemu-aarch64
assert_exit 0 "without the executable, check says the image is up to date"

eng tag $BASE_IMAGE $QD_REGISTRY/qemu/qd-e2e-tree-tc && eng push -q $QD_REGISTRY/qemu/qd-e2e-tree-tc >/dev/null 2>&1 ||
    die "could not push to $QD_REGISTRY"
eng rmi $QD_REGISTRY/qemu/qd-e2e-tree-tc >/dev/null 2>&1
run make docker-toolchain-qd-e2e-tree-tc DOCKER_REGISTRY=$QD_REGISTRY
assert_exit 0 "toolchain rule: fetch, then update --add-current-user PREPARE"
assert_eq "$(id -u)" "$(eng run --rm qemu/qd-e2e-tree-tc id -u "$(id -un)" 2>&1)" "the user is in the image"

run make docker-clean
assert_exit 0 "make docker-clean"
assert_eq "" "$(warm)" "no warm container left"

e2e_done
