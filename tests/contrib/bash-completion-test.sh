#!/bin/bash
# contrib/completion/qemu-docker.bash: what TAB offers after a few command
# lines (bash-completion's _init_completion, no engine: the image lists are
# empty here).
#   bash-completion-test.sh SOURCE_DIR
set -uo pipefail
src=$1
helpers=/usr/share/bash-completion/bash_completion
if [ ! -r $helpers ]; then
    echo "SKIP - no $helpers (apt-get install bash-completion)"
    [ "${CI:-}" = true ] && exit 1
    exit 77
fi
# shellcheck source=/dev/null
. $helpers
# shellcheck source=/dev/null
. "$src/contrib/completion/qemu-docker.bash"
tmp=$(mktemp -d /tmp/qd-completion.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" && touch base.docker child.docker notes.txt
fails=0

# offered LINE: the words TAB offers at the end of LINE.
offered() {
    COMP_LINE=$1
    COMP_POINT=${#COMP_LINE}
    read -ra COMP_WORDS <<<"$COMP_LINE"
    [[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _qemu_docker qemu-docker "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}
check() {
    local got
    got=$(offered "$1")
    if [ "$got" = "$2" ]; then echo "ok - '$1'"; else
        echo "FAIL - '$1'"; echo "  expected: '$2'"; echo "  actual:   '$got'"; fails=$((fails + 1))
    fi
}
PATH=/nonexistent:/usr/bin:/bin # no qemu-docker, so no engine is asked

check "qemu-docker bu" "build "
check "qemu-docker c" "cc check clean "
check "qemu-docker --engine " "auto docker podman "
check "qemu-docker --ver" "--version "
check "qemu-docker --engine docker build --no" "--no-cache "
check "qemu-docker build -f " "base.docker child.docker "
check "qemu-docker check --checktype " "age checksum "
check "qemu-docker run --run" "--run-as-current-user "
check "qemu-docker cc --q" "--quiet "

[ $fails -eq 0 ] || { echo "# $fails failed"; exit 1; }
echo "# all passed"
