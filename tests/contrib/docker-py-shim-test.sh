#!/bin/bash
# contrib/qemu/docker.py, installed by `cmake --install`: it replaces itself
# with qemu-docker (the one $QEMU_DOCKER names, a name looked up on PATH,
# else the one installed beside it, else the one on PATH) and passes every
# argument on unchanged; without any, probe says "no" (exit 0) and anything
# else gets one error line and exit 1.
#   docker-py-shim-test.sh BUILD_DIR
set -uo pipefail
build=$1
tmp=$(mktemp -d /tmp/qd-shim-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/contrib/check.sh
. "$(dirname "$0")/check.sh"
py=/usr/bin/python3
mkdir -p "$tmp/nothing" # a PATH without any qemu-docker, even one installed in /usr/bin

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null || { echo "FAIL - cmake --install"; exit 1; }
shim=$tmp/prefix/share/qemu-docker/docker.py
check "installed executable" "yes" "$([ -x "$shim" ] && [ -x "$tmp/prefix/bin/qemu-docker" ] && echo yes)"

# Beside it: found without PATH, also through a symlink in a QEMU tree.
check "the installed qemu-docker, beside it" "podman --remote" \
    "$(env -u QEMU_DOCKER PATH=$tmp/nothing $py "$shim" --command "podman --remote" probe)"
mkdir -p "$tmp/qemu/tests/docker"
ln -s "$shim" "$tmp/qemu/tests/docker/docker.py"
check "through a symlink in a QEMU tree" "sudo -n docker" \
    "$(env -u QEMU_DOCKER PATH=$tmp/nothing $py "$tmp/qemu/tests/docker/docker.py" --command "sudo -n docker" probe)"

# $QEMU_DOCKER first; every argument as given.
printf '#!/bin/sh\nfor a; do echo "[$a]"; done\n' >"$tmp/recorder"
chmod +x "$tmp/recorder"
check "QEMU_DOCKER, arguments unchanged" $'[--engine]\n[docker]\n[cc]\n[--cc]\n[a b]\n[-i]\n[qemu/x]\n[--]\n[$HOME]\n[]' \
    "$(QEMU_DOCKER=$tmp/recorder $py "$shim" --engine docker cc --cc "a b" -i qemu/x -- '$HOME' '')"

# A copy elsewhere: PATH, then nothing.
cp "$shim" "$tmp/copy.py"
mkdir -p "$tmp/path"
ln -s "$tmp/prefix/bin/qemu-docker" "$tmp/path/qemu-docker"
check "qemu-docker on PATH" "echo" \
    "$(env -u QEMU_DOCKER PATH=$tmp/path:/usr/bin:/bin $py "$tmp/copy.py" --command echo probe)"
# None found: probe answers as docker.py does when no engine works
# (configure's `case` goes on without containers); anything else fails.
none() { env -u QEMU_DOCKER PATH=$tmp/nothing $py "$tmp/copy.py" "$@"; }
check "none found: probe says no" "no" "$(none --engine auto probe 2>/dev/null)"
check "none found: probe exits 0" 0 "$(none --engine auto probe >/dev/null 2>&1; echo $?)"
check "none found: probe says why" "qemu-docker: qemu-docker not found: set QEMU_DOCKER, or install it in bin/ beside share/qemu-docker or on PATH, so no container engine is used" \
    "$(none --engine auto probe 2>&1 >/dev/null)"
check "none found: another subcommand, exit 1" 1 "$(none --engine docker cc -i x -- probe >/dev/null 2>&1; echo $?)"
check "none found: one error line" "qemu-docker: error: qemu-docker not found: set QEMU_DOCKER, or install it in bin/ beside share/qemu-docker or on PATH" \
    "$(none --engine docker cc -i x -- probe 2>&1)"
check "none found: nothing on stdout" "" "$(none build -t x -f y 2>/dev/null)"
# QEMU_DOCKER as a name: looked up on PATH, as a shell would.
check "QEMU_DOCKER=qemu-docker on PATH" "echo" \
    "$(cd "$tmp/nothing" && QEMU_DOCKER=qemu-docker PATH=$tmp/path:/usr/bin:/bin $py "$shim" --command echo probe)"
check "QEMU_DOCKER=name not on PATH, probe" "no" \
    "$(cd "$tmp/path" && QEMU_DOCKER=qemu-docker PATH=$tmp/nothing $py "$shim" probe 2>/dev/null)"
check "QEMU_DOCKER=name not on PATH, why" "qemu-docker: QEMU_DOCKER=qemu-docker: no such program on PATH, so no container engine is used" \
    "$(cd "$tmp/path" && QEMU_DOCKER=qemu-docker PATH=$tmp/nothing $py "$shim" probe 2>&1 >/dev/null)"
# The lookup is shutil.which's: a directory or a file that is not
# executable is passed over, an empty entry is the current directory, an
# empty PATH finds nothing.
mkdir -p "$tmp/dir/qemu-docker" "$tmp/noexec"
touch "$tmp/noexec/qemu-docker"
check "QEMU_DOCKER=name: directories and non-executables passed over" "echo" \
    "$(QEMU_DOCKER=qemu-docker PATH=$tmp/dir:$tmp/noexec:$tmp/path $py "$shim" --command echo probe)"
check "QEMU_DOCKER=name: an empty PATH entry is the current directory" "echo" \
    "$(cd "$tmp/path" && QEMU_DOCKER=qemu-docker PATH=$tmp/nothing: $py "$shim" --command echo probe)"
check "QEMU_DOCKER=name: an empty PATH finds nothing" "no" \
    "$(cd "$tmp/path" && QEMU_DOCKER=qemu-docker PATH= $py "$shim" probe 2>/dev/null)"
check "QEMU_DOCKER that cannot run" "qemu-docker: error: cannot run $tmp/none: No such file or directory" \
    "$(QEMU_DOCKER=$tmp/none $py "$shim" probe 2>&1)"

checks_done
