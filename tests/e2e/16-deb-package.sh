#!/bin/bash
# Scenario 16: the .deb that `cpack -G DEB` makes from this build installs
# with `apt-get install ./qemu-docker_*.deb` in a clean Debian 12 container
# made by our own dockerfiles (debootstrap with man-db, bash-completion and
# python3, no package lists, no network), and there `qemu-docker --version`,
# `man -w qemu-docker`, bash's TAB after `qemu-docker bu`, `qemu-docker
# probe` and the docker.py shim's probe (no engine: "no") work.  The
# package's control fields are what the README promises, and lintian finds
# no error or warning in it.
. "$(dirname "$0")/lib.sh"
e2e_init
[ -r "${QD_BUILD_DIR:-}/CPackConfig.cmake" ] || die "QD_BUILD_DIR=${QD_BUILD_DIR:-} has no CPackConfig.cmake"
command -v dpkg-shlibdeps >/dev/null || missing_precondition "dpkg-shlibdeps (apt-get install dpkg-dev)"
[ -e "$QD_BUILD_DIR/qemu-docker.1.gz" ] || missing_precondition "the man page (apt-get install scdoc)"

pkg=$E2E_TMP/pkg
if ! cpack -G DEB --config "$QD_BUILD_DIR/CPackConfig.cmake" -B "$pkg" >"$E2E_TMP/cpack.log" 2>&1; then
    tail -n 20 "$E2E_TMP/cpack.log"
    die "cpack -G DEB failed"
fi
deb=$(cd "$pkg" && echo qemu-docker_*_"$(dpkg --print-architecture)".deb)
[ -f "$pkg/$deb" ] || die "no .deb in $pkg"
note "$deb: $(stat -c %s "$pkg/$deb") bytes"
field() { dpkg-deb -f "$pkg/$deb" "$1"; }
assert_eq "qemu-docker devel" "$(field Package) $(field Section)" "package name and section"
assert_contains "$(field Depends)" "libc6 (>= " "Depends: libc6, from dpkg-shlibdeps"
assert_contains "$(field Depends)" "python3" "Depends: python3, for the docker.py shim"
assert_eq "podman | docker.io" "$(field Recommends)" "Recommends"
assert_eq "qemu-user-static, debootstrap" "$(field Suggests)" "Suggests"

# Debian's policy, as lintian checks it: no errors or warnings.
# Its exit status, not only its output: a lintian that cannot run fails too.
if command -v lintian >/dev/null; then
    if lintian --fail-on error,warning "$pkg/$deb" >"$E2E_TMP/lintian.log" 2>&1; then
        pass "lintian: no errors or warnings"
    else
        fail "lintian: exit $?"
        sed 's/^/  | /' "$E2E_TMP/lintian.log" | tail -n 20
    fi
else
    missing_precondition "lintian (apt-get install lintian)"
fi

# A Debian 12 as Debian's own container images are: no package lists, so
# apt-get can only install what it is given.
clean=qemu/qd-e2e-debian-clean
on_exit "eng rmi -f $clean"
cp "$QD_SOURCE_DIR/dockerfiles/debian-bootstrap.docker" "$E2E_DOCKERFILES/qd-e2e-debian-clean.docker"
cat >"$E2E_DOCKERFILES/qd-e2e-debian-clean.pre" <<PRE
#!/bin/bash
set -euo pipefail
DEB_INCLUDE=man-db,bash-completion,python3 $(printf %q "$QD_SOURCE_DIR/dockerfiles/debian-bootstrap.pre")
rm -rf var/lib/apt/lists/*
PRE
chmod +x "$E2E_DOCKERFILES/qd-e2e-debian-clean.pre"
qd build --quiet -t $clean -f "$E2E_DOCKERFILES/qd-e2e-debian-clean.docker"
assert_exit 0 "build $clean"

cp "$QD_SOURCE_DIR/tests/contrib/complete.sh" "$pkg/"
cat >"$pkg/steps.sh" <<'STEPS'
cd /pkg
apt-get install -y ./qemu-docker_*.deb >/tmp/apt.log 2>&1
echo "apt-get: $?"
grep -A1 '^Recommended packages:' /tmp/apt.log | tail -n1 | sed 's/^ */recommended: /'
echo "status: $(dpkg-query -W -f '${Status}' qemu-docker)"
echo "version: $(qemu-docker --version | head -n1)"
echo "man: $(man -w qemu-docker 2>&1)"
echo "tab: $(cd / && bash /pkg/complete.sh 'qemu-docker bu')"
echo "probe: $(qemu-docker probe 2>/tmp/probe.err) (exit $?)"
echo "probe says: $(tail -n 1 /tmp/probe.err)"
echo "shim: $(python3 /usr/share/qemu-docker/docker.py probe 2>/tmp/shim.err) (exit $?)"
echo "shim says: $(tail -n 1 /tmp/shim.err)"
STEPS
qd run --rm --net=none -v "$pkg:/pkg:ro" $clean bash /pkg/steps.sh
see_doctor="qemu-docker: no container engine works; \`qemu-docker doctor\` says why and how to mend it"
assert_exit 0 "the steps ran in $clean"
expected_version=$("${QD_CMD[@]}" --version | head -n1)
assert_eq "apt-get: 0
recommended: podman | docker.io
status: install ok installed
version: $expected_version
man: /usr/share/man/man1/qemu-docker.1.gz
tab: build 
probe: no (exit 0)
probe says: $see_doctor
shim: no (exit 0)
shim says: $see_doctor" "$OUT" "apt-get install ./$deb, then --version, man -w, TAB, probe"
[ "$RC" = 0 ] || show_output
assert_eq "" "$(eng ps -a --filter ancestor=$clean --format '{{.Names}}')" "no container left"
e2e_done
