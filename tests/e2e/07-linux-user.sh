#!/bin/bash
# Scenario 7: linux-user images as QEMU builds them:
#   DEB_ARCH=arm64 build --include-executable=QEMU -t qemu/debian-arm64-user
#       -f dockerfiles/debian-bootstrap.docker
# then "run IMAGE uname -m" prints aarch64.  First with the packaged
# qemu-aarch64 binfmt_misc entry (F flag: only QEMU's libraries are copied),
# then with an entry this test registers without F (QEMU itself must be in
# the image, at the entry's interpreter path), under a name of its own and
# for marked binaries only, so that the host's other aarch64 binaries keep
# the packaged entry meanwhile.  The arm64 root filesystem comes from
# debootstrap --foreign, its second stage run once under emulation by
# debian-bootstrap.pre and cached (minutes the first time).
. "$(dirname "$0")/lib.sh"
e2e_init

binfmt=/proc/sys/fs/binfmt_misc
df=$QD_SOURCE_DIR/dockerfiles/debian-bootstrap.docker
qemu=/usr/bin/qemu-aarch64
[ -x $qemu ] || missing_precondition "$qemu missing (package qemu-user)"
grep -q '^flags:.*F' $binfmt/qemu-aarch64 2>/dev/null ||
    missing_precondition "no qemu-aarch64 binfmt_misc entry with the F flag (run scripts/setup-engines.sh)"

tag=qemu/qd-e2e-debian-arm64-user
tag_nof=qemu/qd-e2e-debian-arm64-nof-user
remove_image $tag $tag_nof
on_exit "remove_image $tag $tag_nof"

# QEMU's build tree: a dynamically linked qemu-aarch64.
bindir=$E2E_TMP/qemu-build
mkdir -p "$bindir"
cp $qemu "$bindir/qemu-aarch64"
libs=$(ldd $qemu | awk '/=> \// { print $3 }')

export DEB_ARCH=arm64
qd build --include-executable="$bindir/qemu-aarch64" -t $tag -f "$df"
assert_exit 0 "arm64 build with the F-flag entry"
assert_contains "$OUT" "binfmt_misc for qemu-aarch64 uses persistent(F) mapping to host binary" \
    "says the entry is persistent"
qd run $tag uname -m
assert_exit 0 "run uname -m"
assert_eq aarch64 "$OUT" "uname -m in the image"
assert_in_image $tag arm64 dpkg --print-architecture
missing=$(eng run --rm $tag sh -c "for l in $(echo $libs); do test -e \$l || echo \$l; done" 2>&1)
assert_eq "" "$missing" "QEMU's libraries are in the image"
assert_in_image $tag absent sh -c "test -e $bindir/qemu-aarch64 && echo present || echo absent"
qd build --include-executable="$bindir/qemu-aarch64" -t $tag -f "$df"
assert_exit 0 "second arm64 build"
assert_contains "$OUT" "Image is up to date." "second arm64 build finds it up to date"
qd check --quiet $tag "$df"
assert_exit 0 "quiet check of the arm64 image, as QEMU's makefile does it"
assert_eq "" "$OUT" "quiet check prints nothing"
qd check $tag "$df"
assert_exit 0 "check of the arm64 image"
assert_eq "Image is up to date" "$OUT" "the arm64 image is up to date"

# An entry without F, named after the executable as QEMU's build names it,
# and unique to this run.  The kernel tries the newest entry first: one that
# matched every aarch64 binary would take them all from the packaged entry,
# host-wide, also in other containers, where its interpreter is missing.
# Ours matches only binaries marked in the ELF header's padding (e_ident
# bytes 9-15, which loaders ignore; the packaged entry wants zeros there), so
# a marked binary runs through our entry or not at all.
run_id=${E2E_TMP##*.}
name=qd-e2e-aarch64-$run_id
exe=$bindir/$name
marker=q$run_id
cp $qemu "$exe"
magic=$(sed -n 's/^magic //p' $binfmt/qemu-aarch64)
mask=$(sed -n 's/^mask //p' $binfmt/qemu-aarch64)
magic=${magic:0:18}$(printf %s "$marker" | od -An -tx1 | tr -d ' \n')${magic:32}
mask=${mask:0:18}ffffffffffffff${mask:32}
escaped() { sed 's/../\\x&/g' <<<"$1"; }
echo ":$name:M::$(escaped "$magic"):$(escaped "$mask"):$exe:" >$binfmt/register ||
    die "could not register $name"
on_exit "echo -1 > $binfmt/$name"
assert_eq "" "$(sed -n 's/^flags: //p' $binfmt/$name)" "$name has no flags"

qd build --include-executable="$exe" -t $tag_nof -f "$df"
assert_exit 0 "arm64 build with an entry without F"
assert_not_contains "$OUT" "persistent(F)" "no F flag reported"
assert_in_image $tag_nof present sh -c "test -x $exe && echo present"

# The image's own uname, marked.
marked=$E2E_TMP/marked
mkdir -p "$marked"
eng run --rm -v "$marked:/out" $tag_nof cp /bin/uname /out/uname >/dev/null 2>&1 ||
    die "could not copy uname out of $tag_nof"
printf %s "$marker" | dd of="$marked/uname" bs=1 seek=9 conv=notrunc status=none
qd run -v "$marked:$marked:ro" $tag_nof "$marked/uname" -m
assert_exit 0 "run a marked binary (no F)"
assert_eq aarch64 "$OUT" "uname -m through the entry without F"
# The image built under the F entry has no $exe: the kernel cannot find the
# interpreter, and reports it as the binary not found.
qd run -v "$marked:$marked:ro" $tag "$marked/uname" -m
assert_exit_nonzero "the marked binary in the image without $exe"
assert_contains "$ERR" "no such file or directory" "the interpreter is missing there"
assert_eq enabled "$(head -n 1 $binfmt/qemu-aarch64)" "the packaged entry stayed enabled"
assert_tmpdir_empty "arm64 builds"

e2e_done
