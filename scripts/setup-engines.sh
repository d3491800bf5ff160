#!/bin/bash
# Set up the real engines the e2e tests drive: podman (root and rootless),
# a private dockerd, a local registry, debootstrap and qemu-user binfmt.
# Idempotent and quiet when everything is already there.  Run as root; it
# writes to the machine, not only to $QD_STATE_DIR:
# - $QD_STATE_DIR (/var/tmp/qemu-docker-tests): dockerd's data and exec
#   roots, socket, pidfile and log; the registry's storage, config and log;
#   the containers.conf and registries.conf podman reads through
#   CONTAINERS_CONF and CONTAINERS_REGISTRIES_CONF (/etc/containers is not
#   touched); the env that scripts/engines-env.sh sources;
# - the Debian packages it installs, with a /usr/sbin/policy-rc.d meanwhile
#   so that none of them starts a daemon;
# - the network bridge qd-docker0; dockerd itself writes /etc/docker/key.json
#   and /run/docker;
# - socat forwarding a loopback tcp port to dockerd's socket, and a rootful
#   `podman system service` on $QD_STATE_DIR/podman.sock (mode 0666), as
#   remote engines for the tests; another on $QD_STATE_DIR/podman-far.sock
#   (mode 0666) in a UTS namespace with the host name qd-far-away, an
#   engine on "another machine";
# - $QD_STATE_DIR/podman-docker: Debian's podman-docker unpacked (not
#   installed: it conflicts with docker.io);
# - the user qdtester: /etc/passwd, /etc/shadow, /etc/group (also in the
#   group docker), /etc/gshadow, /home/qdtester, and its ranges in
#   /etc/subuid and /etc/subgid;
# - binfmt_misc: mounted on /proc/sys/fs/binfmt_misc when it is not, and the
#   packaged qemu-user entries registered (update-binfmts) when there is no
#   qemu-aarch64 entry.
# scripts/stop-engines.sh stops the daemons and removes the bridge; the rest
# stays.  Source scripts/engines-env.sh afterwards to point the clients at it.
set -euo pipefail

STATE=${QD_STATE_DIR:-/var/tmp/qemu-docker-tests}
PACKAGES=(podman runc docker.io docker-registry debootstrap qemu-user-static qemu-user
          binfmt-support uidmap slirp4netns curl debian-archive-keyring
          xz-utils iproute2 socat)
TEST_USER=qdtester
BRIDGE=qd-docker0
BRIDGE_CIDR=${QD_DOCKER_BRIDGE_CIDR:-172.31.213.1/24}

say() { echo "setup-engines: $*"; }
die() { echo "setup-engines: error: $*" >&2; exit 1; }

install_packages() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]}"
    # Keep the packages' init scripts from starting a system dockerd,
    # containerd or registry: the tests run their own.
    local policy=/usr/sbin/policy-rc.d added=
    if [ ! -e $policy ]; then
        printf '#!/bin/sh\nexit 101\n' >$policy && chmod 755 $policy && added=1
    fi
    local ok=1
    { apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null; } || ok=
    [ -z "$added" ] || rm -f $policy
    [ -n "$ok" ] || die "could not install ${missing[*]}"
}

# First http(s) URI apt uses for the host's release (not -security/-updates).
debian_mirror() {
    local suite
    suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
    {
        cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk -v s="$suite" '
            /^[ \t]*$/ { if (ok) print uris; uris = ""; ok = 0; next }
            tolower($1) == "uris:" { $1 = ""; uris = $0 }
            tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == s) ok = 1 }
            END { if (ok) print uris }'
        cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk -v s="$suite" '
            $1 == "deb" { sub(/\[[^]]*\]/, ""); if ($3 == s) print $2 }'
    } | tr ' ' '\n' | grep -m1 -E '^https?://' || true
}

write_podman_config() {
    mkdir -p "$STATE"
    "$(dirname "$0")/podman-conf.sh" "$STATE/containers.conf"
    "$(dirname "$0")/podman-conf.sh" "$STATE/containers-rootless.conf" rootless
    cat >"$STATE/registries.conf" <<EOF
unqualified-search-registries = []

[[registry]]
location = "127.0.0.1:$(registry_port)"
insecure = true
EOF
    chmod 644 "$STATE"/*.conf
}

pid_alive() {
    local pidfile=$1 name=$2 pid
    [ -s "$pidfile" ] || return 1
    pid=$(cat "$pidfile")
    [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$name"
}

wait_for() {
    local what=$1; shift
    for _ in $(seq 100); do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    die "$what did not come up"
}

docker_answers() {
    DOCKER_HOST="unix://$STATE/docker.sock" /usr/bin/docker version
}

# A system dockerd may own docker0 and the iptables chains, so the private
# one uses a bridge of its own and leaves the firewall alone: containers get
# an address but no route out, which is enough for RUN steps that do not
# download.  --bridge=none is not an option: BuildKit's RUN then fails with
# "network bridge not found".  Its own containerd namespace keeps it apart
# from a system dockerd that shares /run/containerd.
make_bridge() {
    ip link show "$BRIDGE" >/dev/null 2>&1 && return 0
    ip link add "$BRIDGE" type bridge
    ip addr add "$BRIDGE_CIDR" dev "$BRIDGE"
    ip link set "$BRIDGE" up
}

start_dockerd() {
    local d=$STATE/docker
    pid_alive "$d/dockerd.pid" dockerd && docker_answers >/dev/null 2>&1 && return 0
    say "starting private dockerd"
    make_bridge
    mkdir -p "$d/data" "$d/exec"
    setsid dockerd --data-root "$d/data" --exec-root "$d/exec" --pidfile "$d/dockerd.pid" \
        -H "unix://$STATE/docker.sock" --bridge="$BRIDGE" --iptables=false --ip-masq=false \
        --containerd-namespace qd-moby --containerd-plugins-namespace qd-plugins \
        </dev/null >>"$STATE/dockerd.log" 2>&1 &
    wait_for "dockerd (see $STATE/dockerd.log)" docker_answers
}

registry_port() { cat "$STATE/registry/port" 2>/dev/null || echo 5000; }

registry_answers() {
    curl -fsS "http://127.0.0.1:$(registry_port)/v2/"
}

free_port() { # [FIRST LAST]
    local port
    for port in $(seq "${1:-5000}" "${2:-5100}"); do
        ss -Hltn "sport = :$port" | grep -q . || { echo "$port"; return 0; }
    done
    die "no free port in ${1:-5000}-${2:-5100}"
}

start_registry() {
    local r=$STATE/registry port
    pid_alive "$r/registry.pid" docker-registry && registry_answers >/dev/null 2>&1 && return 0
    port=$(free_port)
    say "starting registry on 127.0.0.1:$port"
    mkdir -p "$r/storage"
    cat >"$r/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $r/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
EOF
    echo "$port" >"$r/port"
    setsid /usr/bin/docker-registry serve "$r/config.yml" </dev/null >>"$r/registry.log" 2>&1 &
    echo $! >"$r/registry.pid"
    wait_for "registry (see $r/registry.log)" registry_answers
}

# The private dockerd over tcp on the loopback (DOCKER_HOST=tcp://..., and a
# docker context), for the remote-engine tests.
docker_tcp_port() { cat "$STATE/docker-tcp/port" 2>/dev/null || echo 0; }
docker_tcp_answers() {
    DOCKER_HOST="tcp://127.0.0.1:$(docker_tcp_port)" /usr/bin/docker version
}
# socat ends a connection 0.5 s after one side's end of file unless -t says
# otherwise, and the docker client ends its side of an attach at once when no
# stdin is attached: a container slower than that to print lost its output
# (exit 0, no stdout).  Wait as long as the engine keeps talking.
SOCAT_HALF_CLOSE=86400
socat_current() {
    pid_alive "$1" socat && tr '\0' ' ' <"/proc/$(cat "$1")/cmdline" | grep -q -- "-t $SOCAT_HALF_CLOSE "
}
start_docker_tcp() {
    local t=$STATE/docker-tcp port
    socat_current "$t/socat.pid" && docker_tcp_answers >/dev/null 2>&1 && return 0
    pid_alive "$t/socat.pid" socat && kill "$(cat "$t/socat.pid")"
    port=$(free_port 2375 2475)
    say "forwarding 127.0.0.1:$port to dockerd's socket"
    mkdir -p "$t"
    echo "$port" >"$t/port"
    setsid socat -t "$SOCAT_HALF_CLOSE" "TCP-LISTEN:$port,bind=127.0.0.1,fork,reuseaddr" "UNIX-CONNECT:$STATE/docker.sock" \
        </dev/null >>"$t/socat.log" 2>&1 &
    echo $! >"$t/socat.pid"
    wait_for "docker over tcp (see $t/socat.log)" docker_tcp_answers
}

# Rootful podman services that everyone may use, as remote podmans
# (CONTAINER_HOST, CONTAINER_CONNECTION) for root and the test user: one on
# $STATE/podman.sock; another on $STATE/podman-far.sock in a UTS namespace
# of its own whose host name is qd-far-away, to qemu-docker an engine on
# another machine (the host name it reports is not ours) whose containers
# still see our files.
FAR_HOST=qd-far-away
# podman_service_is SOCKET HOST: a podman service answers on SOCKET as HOST.
podman_service_is() {
    [ "$(CONTAINERS_CONF=$STATE/containers.conf podman --url "unix://$1" info \
        --format '{{.Host.Hostname}}')" = "$2" ]
}
# start_podman_service DIR SOCKET [HOST]: the service on SOCKET, its pidfile
# and log in $STATE/DIR; with HOST, in a UTS namespace with that host name.
start_podman_service() {
    local p=$STATE/$1 socket=$2 host=${3:-$(hostname)}
    pid_alive "$p/service.pid" "podman system service" &&
        podman_service_is "$socket" "$host" >/dev/null 2>&1 && return 0
    say "starting podman system service on $socket${3:+ as host $host}"
    mkdir -p "$p"
    rm -f "$socket"
    local service=(podman system service --time=0 "unix://$socket")
    # shellcheck disable=SC2016 # $0 and $@ are the inner shell's
    [ -z "${3:-}" ] || service=(unshare --uts sh -c 'hostname "$0" && exec "$@"' "$host" "${service[@]}")
    CONTAINERS_CONF=$STATE/containers.conf setsid "${service[@]}" </dev/null >>"$p/service.log" 2>&1 &
    echo $! >"$p/service.pid"
    wait_for "podman service on $socket (see $p/service.log)" podman_service_is "$socket" "$host"
    chmod 666 "$socket"
}

setup_binfmt() {
    local bm=/proc/sys/fs/binfmt_misc
    [ -e $bm/status ] || mount -t binfmt_misc binfmt_misc $bm
    [ -e $bm/qemu-aarch64 ] || update-binfmts --enable >/dev/null 2>&1 || true
    [ -e $bm/qemu-aarch64 ] || update-binfmts --import >/dev/null 2>&1 || true
    grep -q '^flags:.*F' $bm/qemu-aarch64 2>/dev/null ||
        die "no qemu-aarch64 binfmt_misc entry with the F flag"
}

add_test_user() {
    id "$TEST_USER" >/dev/null 2>&1 || {
        say "adding user $TEST_USER"
        useradd -m -s /bin/bash "$TEST_USER"
    }
    # The docker group may use the private dockerd's socket.
    id -nG "$TEST_USER" | grep -qw docker || usermod -aG docker "$TEST_USER"
    local f
    for f in /etc/subuid /etc/subgid; do
        grep -q "^$TEST_USER:" "$f" 2>/dev/null || echo "$TEST_USER:200000:65536" >>"$f"
    done
    drop_stale_rootless_storage
}

# Rootless podman's storage holds files owned by the user's subordinate
# ids.  When the range in /etc/subuid changed since (a user removed while
# its podman still ran, then added again), the user can no longer read or
# remove them and every podman call fails with "permission denied": remove
# that storage (its images are loaded again by the tests) and let podman
# start again with the new range.
drop_stale_rootless_storage() {
    local home uid start count storage stale
    home=$(getent passwd "$TEST_USER" | cut -d: -f6)
    uid=$(id -u "$TEST_USER")
    storage=$home/.local/share/containers/storage
    [ -d "$storage" ] || return 0
    IFS=: read -r _ start count < <(grep "^$TEST_USER:" /etc/subuid | head -n 1)
    stale=$(find "$storage" -maxdepth 3 ! -uid "$uid" -printf '%U\n' |
        awk -v s="$start" -v c="$count" '$1 < s || $1 >= s + c { print; exit }')
    [ -z "$stale" ] && return 0
    say "removing $TEST_USER's podman storage: owned by uid $stale, outside its subuid range $start:$count"
    # Its podman pause process still holds the old mapping.
    pkill -KILL -u "$TEST_USER" 2>/dev/null || true
    rm -rf "$storage" "$home/.local/share/containers/cache"
}

# Debian's podman-docker (a /usr/bin/docker that execs podman) conflicts
# with docker.io, so it is unpacked into $STATE/podman-docker, not installed:
# the e2e tests put its usr/bin first on PATH.
fetch_podman_docker() {
    local dir=$STATE/podman-docker
    [ -x "$dir/usr/bin/docker" ] && return 0
    say "unpacking podman-docker into $dir"
    mkdir -p "$dir"
    local tmp
    tmp=$(mktemp -d) || die "mktemp"
    ( cd "$tmp" && { apt-get download podman-docker >/dev/null 2>&1 ||
        { apt-get update -qq && apt-get download podman-docker >/dev/null; }; } ) &&
        dpkg -x "$tmp"/podman-docker_*.deb "$dir" || { rm -rf "$tmp"; die "could not get podman-docker"; }
    rm -rf "$tmp"
}

write_env() {
    cat >"$STATE/env" <<EOF
export QD_STATE_DIR=$STATE
export CONTAINERS_CONF=$STATE/containers.conf
export CONTAINERS_REGISTRIES_CONF=$STATE/registries.conf
export DOCKER_HOST=unix://$STATE/docker.sock
export QD_REGISTRY=127.0.0.1:$(registry_port)
export QD_TEST_USER=$TEST_USER
export QD_ROOTLESS_CONTAINERS_CONF=$STATE/containers-rootless.conf
export QD_PODMAN_DOCKER_BIN=$STATE/podman-docker/usr/bin
export QD_DOCKER_TCP=tcp://127.0.0.1:$(docker_tcp_port)
export QD_PODMAN_SERVICE=unix://$STATE/podman.sock
export QD_FAR_PODMAN_SERVICE=unix://$STATE/podman-far.sock
export QD_FAR_HOST=$FAR_HOST
EOF
}

print_versions() {
    local pv dv
    export CONTAINERS_CONF=$STATE/containers.conf DOCKER_HOST=unix://$STATE/docker.sock
    pv=$(podman version --format '{{.Client.Version}}' 2>/dev/null) || pv=missing
    echo "podman $pv"
    for c in /usr/bin/docker /usr/local/bin/docker; do
        dv=$("$c" version --format '{{.Client.Version}}' 2>/dev/null) || dv=missing
        echo "$c client $dv"
    done
    dv=$(/usr/bin/docker version --format '{{.Server.Version}}' 2>/dev/null) || dv=missing
    echo "dockerd $dv ($DOCKER_HOST)"
    echo "registry $(docker-registry --version 2>/dev/null | awk '{print $3}') (127.0.0.1:$(registry_port))"
}

main() {
    [ "$(id -u)" -eq 0 ] || die "run as root"
    install_packages
    [ -n "$(debian_mirror)" ] || die "no http(s) Debian mirror found in apt sources"
    mkdir -p "$STATE"
    start_dockerd
    start_registry
    start_docker_tcp
    write_podman_config
    start_podman_service podman-service "$STATE/podman.sock"
    start_podman_service podman-far "$STATE/podman-far.sock" "$FAR_HOST"
    setup_binfmt
    add_test_user
    fetch_podman_docker
    write_env
    print_versions
}

main "$@"
