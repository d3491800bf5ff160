#!/bin/bash
# Prints the words TAB offers at the end of LINE, as an interactive bash with
# bash-completion would: the completion for LINE's first word is loaded the
# way bash-completion loads it (from BASH_COMPLETION_USER_DIR, XDG_DATA_DIRS
# or /usr/local/share and /usr/share), not sourced by hand.  Exit 1 when no
# completion is found, 2 without bash-completion.
#   complete.sh LINE
set -u
helpers=/usr/share/bash-completion/bash_completion
# shellcheck source=/dev/null
[ -r $helpers ] && . $helpers || { echo "complete.sh: no $helpers" >&2; exit 2; }
COMP_LINE=$1
COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<<"$COMP_LINE"
[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
cmd=${COMP_WORDS[0]}
__load_completion "$cmd" || { echo "complete.sh: no completion for $cmd" >&2; exit 1; }
# "complete -F FUNCTION CMD"
read -ra spec <<<"$(complete -p "$cmd")"
func=${spec[${#spec[@]} - 2]}
COMPREPLY=()
"$func" "$cmd" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
echo
