#!/bin/bash
# Times the README's first command on a fresh Debian 12 machine: a
# privileged podman container of qemu/debian-bootstrap (minbase; what
# scripts/quickstart.sh builds) on the host's network, with the host's apt
# sources, installs git, clones this repository's committed HEAD and runs
# scripts/quickstart.sh there (packages, release build, debootstrap, the
# image, the command in it; podman inside the container).  Prints each
# phase's seconds; then installs from source and from the .deb as the
# README says and prints what a user then finds (not timed).  Leaves
# nothing behind (the container and its storage go).  As root, after
# scripts/setup-engines.sh or scripts/quickstart.sh.
#   bench/fresh-quickstart.sh
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
export CONTAINERS_CONF=${CONTAINERS_CONF:-$src/build/quickstart/containers.conf}
[ -r "$CONTAINERS_CONF" ] || "$src/scripts/podman-conf.sh" "$CONTAINERS_CONF"
podman image exists qemu/debian-bootstrap ||
    { echo "fresh-quickstart.sh: no qemu/debian-bootstrap (run scripts/quickstart.sh)" >&2; exit 1; }
work=$(mktemp -d /var/tmp/qd-fresh.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir "$work/storage" # inner podman's, not on the container's overlay
cp -r /etc/apt "$work/apt"
cat >"$work/inside.sh" <<'INSIDE'
set -euo pipefail
rm -rf /etc/apt && cp -r /fresh/apt /etc/apt
phase() { echo "phase $1: $(($(date +%s) - start)) s"; start=$(date +%s); }
start=$(date +%s)
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git >/dev/null
phase "apt-get install git"
git clone -q /src /root/qemu-docker && cd /root/qemu-docker
phase "git clone"
all=$(date +%s)
scripts/quickstart.sh >/fresh/quickstart.log 2>&1 || { tail -n 30 /fresh/quickstart.log; exit 1; }
echo "scripts/quickstart.sh: $(($(date +%s) - all)) s, its last line: $(tail -n1 /fresh/quickstart.log)"

# Then the README's two install routes (not timed), each checked as a user would.
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq scdoc dpkg-dev file man-db bash-completion >/dev/null
cmake --preset release >/dev/null && cmake --build --preset release >/dev/null # now with the man page
cmake --install build/release >/dev/null
echo "from source: $(command -v qemu-docker); $(qemu-docker --version | head -n1);" \
    "man -w: $(man -w qemu-docker); TAB after 'qemu-docker bu': $(bash tests/contrib/complete.sh 'qemu-docker bu')"
xargs rm -f <build/release/install_manifest.txt
(cd build/release && cpack -G DEB >/dev/null 2>&1 && apt-get install -y -qq ./qemu-docker_*.deb >/dev/null 2>&1)
hash -r
echo "from the .deb: $(command -v qemu-docker); $(qemu-docker --version | head -n1);" \
    "man -w: $(man -w qemu-docker); TAB after 'qemu-docker bu': $(bash tests/contrib/complete.sh 'qemu-docker bu')"
INSIDE
podman run --rm --privileged --network host -v "$work:/fresh" -v "$src:/src:ro" \
    -v "$work/storage:/var/lib/containers" qemu/debian-bootstrap bash /fresh/inside.sh
