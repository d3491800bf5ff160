#!/usr/bin/zsh -f
# Prints the words zsh's TAB offers at the end of LINE, one a line: an
# interactive zsh (in a pseudo-terminal) with compinit and the completion
# functions in DIR first on fpath; compadd is wrapped to print what is
# offered.
#   zcomplete.zsh DIR LINE   (exit 1: no completion ran, 3: zsh did not start)
zmodload zsh/zpty || exit 2
dir=$1 line=$2
init=$(mktemp /tmp/qd-zcomplete.XXXXXX)
trap 'rm -f $init $init.dump' EXIT
cat >$init <<INIT
PS1= PROMPT= RPROMPT=
fpath=(${(q)dir} \$fpath)
autoload -Uz compinit && compinit -u -d $init.dump
bindkey '^I' complete-word
zstyle ':completion:*' insert-tab false
compadd() {
    local -a offered
    builtin compadd -O offered "\$@"
    (( \${#offered} )) && print -rl -- "offered:"\${^offered}
    builtin compadd "\$@"
}
qd_begin() { print -r -- "<<begin>>"; }
qd_end() { print -r -- "<<end>>"; exit; }
compprefuncs=(qd_begin)
comppostfuncs=(qd_end)
print -r -- "<<ready>>"
INIT
# read_until MARK: what the terminal shows until MARK (5 s at most).
read_until() {
    local chunk i
    for i in {1..50}; do
        zpty -r -t z chunk && out+=$chunk
        [[ $out == *$1* ]] && return 0
        sleep 0.1
    done
    return 1
}
zpty z zsh -f -i
out=
zpty -w z "source $init"
read_until "<<ready>>" || { print -u2 "zcomplete.zsh: zsh did not start"; exit 3; }
out=
zpty -w -n z "$line"$'\t'
read_until '<<end>>' || { print -u2 "zcomplete.zsh: no completion"; exit 1; }
zpty -d z
print -r -- "${out//$'\r'/}" | sed -n 's/^offered://p' | sort -u
