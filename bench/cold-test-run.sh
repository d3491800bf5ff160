#!/bin/bash
# Times the README's second command (scripts/test.sh) from a clean clone on
# this machine made as fresh as a new one for what the tests bring: it
# purges the packages scripts/install-deps.sh and scripts/setup-engines.sh
# install (and what only they needed) and apt's download cache, so that
# apt downloads them again; removes the engines' state (podman's storage,
# the private dockerd's and the registry's in $QD_STATE_DIR), the test
# user, its subuid/subgid ranges and debootstrap's cache.  Then clones this
# repository's committed HEAD beside the checkout (so that ../shared is
# where it is for the checkout) and runs scripts/test.sh there, printing its
# phase times; with --again, then does the same from a new clean clone on
# the machine as the first run left it.
# DESTRUCTIVE: for a test machine only; as root.
#   bench/cold-test-run.sh [--again]
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "cold-test-run.sh: run as root" >&2; exit 1; }
state=${QD_STATE_DIR:-/var/tmp/qemu-docker-tests}

"$src/scripts/stop-engines.sh" || true
packages=(libcli11-dev nlohmann-json3-dev libarchive-dev libfmt-dev podman runc debootstrap
          scdoc bash-completion zsh lintian libgtest-dev libgmock-dev clang libclang-rt-14-dev
          man-db dpkg-dev file docker.io docker-registry qemu-user-static qemu-user
          binfmt-support uidmap slirp4netns socat)
installed=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" && installed+=("$p")
done
for e in /proc/sys/fs/binfmt_misc/qemu-*; do [ -e "$e" ] && echo -1 >"$e"; done
[ ${#installed[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "${installed[@]}" >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get autoremove --purge -y -qq >/dev/null
apt-get clean
# userdel refuses a user with processes (rootless podman's pause process);
# a user left behind with its ranges gone gets new ones, which its storage
# does not match.
if id qdtester >/dev/null 2>&1; then
    pkill -KILL -u qdtester || true
    sleep 1
    userdel -r qdtester 2>/dev/null || [ $? -eq 12 ] # 12: no home to remove
fi
sed -i '/^qdtester:/d' /etc/subuid /etc/subgid
rm -rf "$state" /var/lib/containers /var/cache/qemu-docker /etc/docker /run/docker
ip link del qd-docker0 2>/dev/null || true

clone=$(dirname "$src")/cold-test-run
run() {
    local start=$SECONDS status=0
    rm -rf "$clone"
    git clone -q "$src" "$clone"
    (cd "$clone" && scripts/test.sh) >"$clone.$1.log" 2>&1 || status=$?
    echo "scripts/test.sh ($1): exit $status, $((SECONDS - start)) s; log $clone.$1.log"
    grep '^test.sh: ' "$clone.$1.log" || true
    tail -n 12 "$clone.$1.log"
}
run cold
[ "${1:-}" != --again ] || run again
