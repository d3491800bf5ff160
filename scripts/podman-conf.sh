#!/bin/bash
# Write a containers.conf for podman on these machines to PATH (podman reads
# it through CONTAINERS_CONF; /etc/containers is not touched).  crun fails on
# hybrid cgroups and raising RLIMIT_NOFILE/NPROC above the host's limits is
# refused, so runc and both limits are pinned.  With "rootless", also no
# network namespace: slirp4netns needs /dev/net/tun, root-only here.
#   podman-conf.sh PATH [rootless]
set -euo pipefail
path=$1
mkdir -p "$(dirname "$path")"
{
    echo "[containers]"
    echo 'default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]'
    [ "${2:-}" != rootless ] || echo 'netns = "none"'
    echo
    echo "[engine]"
    echo 'runtime = "runc"'
} >"$path"
chmod 644 "$path"
