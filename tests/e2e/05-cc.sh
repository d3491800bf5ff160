#!/bin/bash
# Scenario 5: cc -i qemu/TOOLCHAIN --cc gcc -s SRC -- -o prog prog.c builds a
# program in the current directory, owned by the invoking user, that runs
# on the host.  As root, and (docker) as the unprivileged test user.
. "$(dirname "$0")/lib.sh"
e2e_init
[ "$QD_ENGINE" != docker ] || test_user_init
ensure_toolchain_image

# make_sources DIR: prog.c in DIR/work including a header from DIR/src.
make_sources() {
    mkdir -p "$1/src" "$1/work"
    printf '#define GREETING "hello from qemu-docker cc"\n' >"$1/src/greeting.h"
    printf '#include <stdio.h>\n#include "greeting.h"\nint main(void) { puts(GREETING); return 0; }\n' \
        >"$1/work/prog.c"
}

dir=$E2E_TMP/cc-root
make_sources "$dir"
cd "$dir/work" || die "cd $dir/work"
qd cc -i $TOOLCHAIN_IMAGE --cc gcc -s "$dir/src" -- -I "$dir/src" -o prog prog.c
cd - >/dev/null || die "cd back"
assert_exit 0 "cc as $(id -un)"
assert_eq "$(id -un)" "$(stat -c %U "$dir/work/prog" 2>&1)" "prog belongs to $(id -un)"
assert_eq "hello from qemu-docker cc" "$("$dir/work/prog" 2>&1)" "prog runs on the host"

qd cc -i $TOOLCHAIN_IMAGE --cc gcc -- -o "$dir/work/broken" "$dir/work/no-such-file.c"
assert_exit_nonzero "cc of a missing source file"
assert_contains "$ERR" "no-such-file.c" "the compiler's error is shown"

# The test user reaches the private dockerd through the docker group.
if [ "$QD_ENGINE" = docker ]; then
    dir=$E2E_TMP/cc-user
    make_sources "$dir"
    chown -R "$user:" "$dir"
    cd "$dir/work" || die "cd $dir/work"
    RC=0
    OUT=$(as_user "${QD_CMD[@]}" --engine docker cc -i $TOOLCHAIN_IMAGE --cc gcc -s "$dir/src" \
        -- -I "$dir/src" -o prog prog.c 2>"$E2E_TMP/err") || RC=$?
    ERR=$(cat "$E2E_TMP/err")
    cd - >/dev/null || die "cd back"
    assert_exit 0 "cc as $user"
    assert_eq "$user" "$(stat -c %U "$dir/work/prog" 2>&1)" "prog belongs to $user"
    assert_eq "hello from qemu-docker cc" "$("$dir/work/prog" 2>&1)" "$user's prog runs on the host"
fi
assert_tmpdir_empty "cc"

e2e_done
