#!/bin/bash
# contrib/completion/qemu-docker.bash: what TAB offers after a few command
# lines (loaded and run by bash-completion, tests/contrib/complete.sh; no
# engine: the image lists are empty here).
#   bash-completion-test.sh SOURCE_DIR
set -uo pipefail
src=$1
helpers=/usr/share/bash-completion/bash_completion
if [ ! -r $helpers ]; then
    echo "SKIP - no $helpers (apt-get install bash-completion)"
    [ "${CI:-}" = true ] && exit 1
    exit 77
fi
tmp=$(mktemp -d /tmp/qd-completion.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# Loaded by bash-completion from the user's directory, as once installed.
mkdir -p "$tmp/user/completions"
ln -s "$(readlink -f "$src/contrib/completion/qemu-docker.bash")" "$tmp/user/completions/qemu-docker"
export BASH_COMPLETION_USER_DIR=$tmp/user
mkdir "$tmp/work" && cd "$tmp/work" && touch base.docker child.docker notes.txt
# shellcheck source=tests/contrib/check.sh
. "$src/tests/contrib/check.sh"
# offers LINE WORDS: what TAB offers at the end of LINE.
offers() { check "'$1'" "$2" "$(bash "$src/tests/contrib/complete.sh" "$1")"; }
PATH=/nonexistent:/usr/bin:/bin # no qemu-docker, so no engine is asked

offers "qemu-docker bu" "build "
offers "qemu-docker c" "cc check clean "
offers "qemu-docker --engine " "auto docker podman "
offers "qemu-docker --ver" "--version "
offers "qemu-docker --engine docker build --no" "--no-cache "
offers "qemu-docker build -f " "base.docker child.docker "
offers "qemu-docker check --checktype " "age checksum "
offers "qemu-docker do" "doctor "
offers "qemu-docker doctor --j" "--json "
offers "qemu-docker run --run" "--run-as-current-user "
offers "qemu-docker cc --q" "--quiet "

checks_done
