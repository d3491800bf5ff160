#!/bin/bash
# `cmake --install` from source: the files it puts under the prefix, and that
# man finds the page and bash-completion the completion there, as they would
# under /usr/local.
#   install-test.sh SOURCE_DIR BUILD_DIR
set -uo pipefail
src=$1 build=$2
if [ ! -e "$build/qemu-docker.1.gz" ] || ! command -v man >/dev/null ||
    [ ! -r /usr/share/bash-completion/bash_completion ]; then
    echo "SKIP - needs scdoc (the man page), man-db and bash-completion"
    [ "${CI:-}" = true ] && exit 1
    exit 77
fi
tmp=$(mktemp -d /tmp/qd-install-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/contrib/check.sh
. "$(dirname "$0")/check.sh"
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null || { echo "FAIL - cmake --install"; exit 1; }

check "installed files" "bin/qemu-docker
libexec/qemu-docker/qemu-docker-cc-agent
share/bash-completion/completions/qemu-docker
share/doc/qemu-docker/changelog.gz
share/doc/qemu-docker/copyright
share/lintian/overrides/qemu-docker
share/man/man1/qemu-docker.1.gz
share/qemu-docker/docker.py
share/qemu-docker/dockerfiles/debian-bootstrap.docker
share/qemu-docker/dockerfiles/debian-bootstrap.pre
share/qemu-docker/dockerfiles/debian-toolchain.docker
share/qemu-docker/dockerfiles/debian-toolchain.pre
share/zsh/vendor-completions/_qemu-docker" "$(cd "$prefix" && find . -type f | cut -c3- | sort)"
check "executables" "bin/qemu-docker libexec/qemu-docker/qemu-docker-cc-agent share/qemu-docker/docker.py share/qemu-docker/dockerfiles/debian-bootstrap.pre share/qemu-docker/dockerfiles/debian-toolchain.pre" \
    "$(cd "$prefix" && find . -type f -perm -0755 | cut -c3- | sort | tr '\n' ' ' | sed 's/ $//')"
check "--version" "qemu-docker $(sed -n 's/^project(qemu-docker VERSION \([^ ]*\).*/\1/p' "$src/CMakeLists.txt")" \
    "$("$prefix/bin/qemu-docker" --version | head -n1 | cut -d' ' -f1,2)"

export MANPATH=$prefix/share/man
check "man -w" "$prefix/share/man/man1/qemu-docker.1.gz" "$(man -w qemu-docker 2>&1)"
check "the page's NAME" "qemu-docker - build, check, fetch, update and run QEMU's container images" \
    "$(MANWIDTH=200 man -P cat qemu-docker 2>/dev/null | sed -n '/^NAME/{n;s/^ *//;p;q}')"

export XDG_DATA_DIRS=$prefix/share
cd "$tmp" && touch base.docker
check "TAB after 'qemu-docker bu'" "build " "$(PATH=/nonexistent:/usr/bin:/bin bash "$src/tests/contrib/complete.sh" "qemu-docker bu")"
check "TAB after 'qemu-docker build -f '" "base.docker prefix " \
    "$(PATH=/nonexistent:/usr/bin:/bin bash "$src/tests/contrib/complete.sh" "qemu-docker build -f ")"

checks_done
