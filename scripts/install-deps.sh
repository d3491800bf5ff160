#!/bin/bash
# Install from Debian's packages what building qemu-docker and running its
# tests needs (clang and its sanitizer and libFuzzer runtimes for the asan
# build and the fuzz targets), or with "main" only what the quick start's
# main job needs: the compiler and libraries for the release build, podman
# and runc, debootstrap.
# Idempotent; quiet when all is there.
#   install-deps.sh [main]
set -euo pipefail
main=(g++ cmake ninja-build pkg-config libcli11-dev nlohmann-json3-dev libssl-dev
      libarchive-dev libfmt-dev podman runc debootstrap debian-archive-keyring xz-utils)
tests=(libgtest-dev libgmock-dev clang libclang-rt-14-dev make python3 scdoc man-db bash-completion zsh
       dpkg-dev file lintian)
packages=("${main[@]}")
[ "${1:-}" = main ] || packages+=("${tests[@]}")
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
echo "installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
