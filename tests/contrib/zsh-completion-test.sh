#!/bin/bash
# contrib/completion/_qemu-docker: what zsh's TAB offers after a few command
# lines (an interactive zsh with compinit, tests/contrib/zcomplete.zsh; no
# engine: the image lists are empty here).
#   zsh-completion-test.sh SOURCE_DIR
set -uo pipefail
src=$1
if ! command -v zsh >/dev/null; then
    echo "SKIP - no zsh (apt-get install zsh)"
    [ "${CI:-}" = true ] && exit 1
    exit 77
fi
# shellcheck source=tests/contrib/check.sh
. "$src/tests/contrib/check.sh"
tmp=$(mktemp -d /tmp/qd-zsh-completion.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" && touch base.docker child.docker notes.txt
export PATH=/nonexistent:/usr/bin:/bin # no qemu-docker, so no engine is asked
# offers LINE WORDS: what TAB offers at the end of LINE.
offers() {
    check "'$1'" "$2" "$(zsh -f "$src/tests/contrib/zcomplete.zsh" "$src/contrib/completion" "$1" 2>&1 | tr '\n' ' ')"
}

offers "qemu-docker bu" "build "
offers "qemu-docker c" "cc check clean "
offers "qemu-docker --engine=" "auto docker podman "
offers "qemu-docker --ver" "--version "
offers "qemu-docker build -f " "base.docker child.docker "
offers "qemu-docker build --no" "--no-cache "
offers "qemu-docker check --checktype " "age checksum "
offers "qemu-docker do" "doctor "
offers "qemu-docker doctor --j" "--json "
offers "qemu-docker run --run" "--run-as-current-user "
offers "qemu-docker cc -i qemu/x --cc gcc --q" "--quiet "
checks_done
