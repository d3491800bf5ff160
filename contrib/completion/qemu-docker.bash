# bash completion for qemu-docker                          -*- shell-script -*-
# SPDX-License-Identifier: GPL-2.0-or-later

# Image tags the engine has, for -i and -t (one engine call).
_qemu_docker_images() {
    local engine=()
    [[ -n $1 ]] && engine=(--engine "$1")
    qemu-docker "${engine[@]}" images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null |
        grep -v '<none>'
}

_qemu_docker() {
    local cur prev words cword
    _init_completion || return

    local subcommands="run build fetch update clean images probe cc check doctor"
    local global="--engine --command --version --help"
    local common="--quiet --verbose --help"
    local -A options=(
        [run]="--keep --run-as-current-user"
        [build]="-t -f --no-cache --registry --add-current-user --extra-files --include-executable --skip-binfmt"
        [fetch]=""
        [update]="--executable --add-current-user"
        [clean]=""
        [images]=""
        [probe]=""
        [cc]="--image --cc --source-path"
        [check]="--checktype --olderthan --include-executable --skip-binfmt"
        [doctor]="--json"
    )

    # The subcommand and --engine, from the words before the cursor.
    local i sub="" engine=""
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            --engine) engine=${words[i + 1]} ;;
            --engine=*) engine=${words[i]#*=} ;;
            -*) ;;
            *) if [[ -z $sub && ${words[i - 1]} != --engine && ${words[i - 1]} != --command ]]; then
                   sub=${words[i]}
               fi ;;
        esac
    done

    case $prev in
        --engine) COMPREPLY=($(compgen -W "auto docker podman" -- "$cur")); return ;;
        --command) COMPREPLY=($(compgen -W "podman docker 'podman --remote' 'sudo -n docker'" -- "$cur")); return ;;
        -f) _filedir docker; return ;;
        -i|--image|-t) COMPREPLY=($(compgen -W "$(_qemu_docker_images "$engine")" -- "$cur")); return ;;
        --checktype) COMPREPLY=($(compgen -W "checksum age" -- "$cur")); return ;;
        -e|--include-executable|--executable|--extra-files) _filedir; return ;;
        -s|--source-path) _filedir -d; return ;;
        --cc|--olderthan|--registry|-r) return ;;
    esac

    if [[ -z $sub ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$global" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
        fi
        return
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "${options[$sub]} $common" -- "$cur"))
    elif [[ $sub == check || $sub == update ]]; then
        COMPREPLY=($(compgen -W "$(_qemu_docker_images "$engine")" -- "$cur"))
        [[ $sub == check ]] && _filedir docker
    fi
} &&
    complete -F _qemu_docker qemu-docker

# ex: filetype=sh
