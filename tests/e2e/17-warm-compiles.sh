#!/bin/bash
# Scenario 17: warm compiles, on by default, in the habits that broke them:
# a build directory wiped and made again, a source path replaced, the warm
# container paused, the engine restarted, an image whose entrypoint keeps its command as a child
# (as tini does; the compile agent is the entry point instead), an image
# without sh (warm all the same: the agent is static), an agent the
# container cannot run (warm by exec instead), Ctrl-C at any moment of a
# compile; a dockerd with "init": true (docker-init as PID 1, the agent
# its child).  Then the warm/plain differential:
# a corpus of compiles run with QEMU_DOCKER_REUSE=0 (docker.py's one run
# --rm each) and with the default, compared field by field: stdout, stderr,
# exit status, and every file with its size, mode, owner and checksum; as
# root, and as the unprivileged test user (for podman: rootless, keep-id).
. "$(dirname "$0")/lib.sh"
e2e_init
ensure_toolchain_image
unset QEMU_DOCKER_REUSE

warm() { eng ps -a --filter label=com.qemu.cc-reuse --format '{{.Names}}' 2>/dev/null | sort; }
remove_warm() { for c in $(warm); do eng rm -f "$c" >/dev/null 2>&1; done; }
remove_warm
on_exit remove_warm
no_warm() { [ -z "$(warm)" ]; }
state() { eng inspect --format '{{.State.Status}}' "$1" 2>/dev/null; }
processes() {
    eng exec "$1" sh -c 'for d in /proc/[0-9]*; do tr "\0" " " <$d/cmdline; echo; done' 2>/dev/null
}
# (Not vacuously: the container must be there and running.)
not_in_container() { [ "$(state "$1")" = running ] && ! processes "$1" | grep -q "^$2"; }
build_image() { # TAG DIR
    on_exit "eng rmi -f $1"
    eng build -q -t "$1" "$2" >/dev/null 2>&1 || die "could not build $1"
}

work=$E2E_TMP/work
src=$work/src
mkdir -p "$work/build" "$src"
printf 'int main(void) { return 0; }\n' >"$src/ok.c"
cd "$work/build" || die "cd $work/build"
compile() { qd cc -i "${IMAGE:-$TOOLCHAIN_IMAGE}" --cc gcc -s "$src" -- -c "$src/ok.c" -o "$1"; }

# --- A build directory wiped and made again; a source path replaced.
compile first.o
assert_exit 0 "a compile, warm by default"
assert_eq 1 "$(warm | wc -l)" "it started a warm container"
cd "$work" && rm -rf build && mkdir build && cd build || die "cd $work/build"
compile again.o
assert_exit 0 "a compile in the build directory wiped and made again"
assert_eq "" "$ERR" "no engine error on stderr"
assert_eq yes "$([ -s again.o ] && echo yes)" "the object is in the new directory"
rm -rf "$src" && mkdir -p "$src" && printf 'int replaced;\n' >"$src/ok.c"
qd cc -i $TOOLCHAIN_IMAGE --cc cat -s "$src" -- "$src/ok.c"
assert_exit 0 "a compile after its source path was replaced"
assert_eq "int replaced;" "$OUT" "it reads the new source"
printf 'int main(void) { return 0; }\n' >"$src/ok.c"

# --- The warm container paused: the compile runs plainly, once, silently;
# the container is put aside (still paused, for clean) and the next
# compile starts another.
qd clean
compile paused-before.o
c=$(warm)
eng pause "$c" >/dev/null 2>&1 || die "could not pause $c"
compile while-paused.o
assert_exit 0 "a compile while its warm container is paused"
assert_eq "" "$ERR" "nothing of the engine's on stderr"
assert_eq yes "$([ -s while-paused.o ] && echo yes)" "the object was written"
aside=$(warm | grep -- "^$c-" || true)
assert_eq paused "$(state "$aside")" "the paused container was put aside"
compile after-paused.o
assert_exit 0 "the next compile"
assert_eq running "$(state "$c")" "it started another warm container"
eng unpause "$aside" >/dev/null 2>&1
eng rm -f "$aside" >/dev/null 2>&1

# --- The engine restarted: the private dockerd stopped and started again
# (its containers end with it); podman has no daemon, so its warm container
# is killed, as a reboot would.  The compiles after it go on, with nothing
# of the engine's on stderr, in another warm container.
qd clean
compile before-restart.o
c=$(warm)
first=$(eng inspect --format '{{.Id}}' "$c" 2>/dev/null)
if [ "$QD_ENGINE" = docker ]; then
    dockerd_pid=$(cat "${QD_STATE_DIR:-/var/tmp/qemu-docker-tests}/docker/dockerd.pid")
    kill "$dockerd_pid"
    gone() { [ ! -e "/proc/$dockerd_pid" ]; }
    wait_until 60 gone || die "dockerd did not stop"
    "$QD_SOURCE_DIR/scripts/setup-engines.sh" >/dev/null || die "dockerd did not start again"
else
    eng kill "$c" >/dev/null 2>&1 || die "could not kill $c"
fi
for n in 1 2; do
    compile "after-restart-$n.o"
    assert_exit 0 "compile $n after the engine restarted"
    assert_eq "" "$ERR" "nothing of the engine's on stderr ($n)"
    assert_eq yes "$([ -s "after-restart-$n.o" ] && echo yes)" "the object was written ($n)"
done
# (Its name may change: a dockerd started again has another socket, which
# is part of the engine's identity and so of the key.)
assert_eq 1 "$(warm | wc -l)" "one warm container again"
c=$(warm)
assert_eq running "$(state "$c")" "it runs"
now=$(eng inspect --format '{{.Id}}' "$c" 2>/dev/null)
if [ -n "$now" ] && [ "$now" != "$first" ]; then pass "another one"; else fail "the same container: $first, now $now"; fi

# --- Ctrl-C at any moment, also before the compile has started inside:
# qemu-docker exits 130 and no compile stays running in the container.
is_qemu_docker() { [ "$(readlink "/proc/$1/exe")" = "$(readlink -f "${QD_CMD[0]}")" ]; }
for delay in 0 0.05 0.1 0.2 0.4 1; do
    TMPDIR=$E2E_TMP/tmp "${QD_CMD[@]}" --engine "$QD_ENGINE" cc -i $TOOLCHAIN_IMAGE --cc sleep \
        -- 300 >/dev/null 2>"$E2E_TMP/err" &
    pid=$!
    wait_until 5 is_qemu_docker $pid # not its shell, which ignores SIGINT as a background job
    sleep $delay
    kill -INT $pid
    wait_until 15 exited $pid || { fail "qemu-docker ended after SIGINT at ${delay} s"; kill -9 $pid; }
    wait $pid
    RC=$?
    ERR=$(cat "$E2E_TMP/err")
    assert_exit 130 "cc after SIGINT at ${delay} s"
    sleep 1 # an exec that started after the signal finds the cancel marker
    if wait_until 5 not_in_container "$c" "sleep 300"; then
        pass "no compile left in the container after SIGINT at ${delay} s"
    else
        fail "still running after SIGINT at ${delay} s: $(processes "$c" | grep sleep)"
    fi
done
assert_eq running "$(state "$c")" "the container stays for other compiles"
qd clean
assert_eq "" "$(warm)" "clean removed the warm containers"

# --- An image whose entrypoint keeps its command as a child (as tini
# does): the compile agent is the container's entry point instead, so PID 1
# is the agent, and it ends the container when unused.
initdir=$E2E_TMP/init-image
mkdir -p "$initdir"
printf '#!/bin/sh\n"$@" &\nwait $!\n' >"$initdir/init"
chmod 755 "$initdir/init"
printf 'FROM %s\nCOPY init /init\nENTRYPOINT ["/init"]\n' $TOOLCHAIN_IMAGE >"$initdir/Dockerfile"
build_image qemu/qd-e2e-s17-init "$initdir"
IMAGE=qemu/qd-e2e-s17-init QEMU_DOCKER_REUSE=3 compile under-init.o
assert_exit 0 "a compile in an image whose entrypoint keeps its command as a child"
c=$(warm)
assert_contains "$(processes "$c" | head -n 1)" "/run/qemu-docker-cc-agent" "PID 1 is the agent"
if wait_until 30 no_warm; then pass "the container ended by itself"; else fail "still there: $(warm)"; fi

# A dockerd whose daemon.json sets "init": true (docker-init as every
# container's PID 1), started for this and stopped again.
if [ "$QD_ENGINE" = docker ]; then
    d=$E2E_TMP/init-dockerd
    mkdir -p "$d/data" "$d/exec"
    printf '{"init": true}\n' >"$d/daemon.json"
    setsid dockerd --config-file "$d/daemon.json" --data-root "$d/data" --exec-root "$d/exec" \
        --pidfile "$d/pid" -H "unix://$d/sock" --bridge=none --iptables=false --ip-masq=false \
        --containerd-namespace qd-init --containerd-plugins-namespace qd-init-plugins \
        </dev/null >"$d/log" 2>&1 &
    on_exit "kill \$(cat $d/pid) 2>/dev/null; sleep 2; rm -rf $d"
    init_docker() { DOCKER_HOST=unix://$d/sock "$@"; }
    wait_until 30 init_docker docker version >/dev/null 2>&1 || die "the init dockerd did not start: $(tail -n 3 "$d/log")"
    eng save $BASE_IMAGE | init_docker docker load >/dev/null 2>&1 || die "could not load $BASE_IMAGE"
    (cd "$work/build" && init_docker env QEMU_DOCKER_REUSE=3 TMPDIR="$E2E_TMP/tmp" "${QD_CMD[@]}" \
        --engine docker cc -i $BASE_IMAGE --cc touch -- daemon-init >"$E2E_TMP/out" 2>"$E2E_TMP/err")
    RC=$?
    ERR=$(cat "$E2E_TMP/err")
    assert_exit 0 "a compile on a dockerd with \"init\": true"
    init_warm() { init_docker docker ps -q --filter label=com.qemu.cc-reuse; }
    c=$(init_warm)
    assert_contains "$(init_docker docker exec "$c" cat /proc/1/cmdline | tr '\0' ' ')" \
        "docker-init" "PID 1 is docker-init"
    no_init_warm() { [ -z "$(init_warm)" ]; }
    if wait_until 30 no_init_warm; then pass "the container ended by itself"; else fail "still there: $(init_warm)"; fi
fi

# --- An image without sh: warm all the same, through the agent (static,
# mounted from the host), which needs nothing of the image.
noshdir=$E2E_TMP/nosh-image
mkdir -p "$noshdir"
printf 'FROM %s\nRUN ["/usr/bin/rm", "-f", "/usr/bin/sh", "/usr/bin/dash"]\n' $TOOLCHAIN_IMAGE \
    >"$noshdir/Dockerfile"
build_image qemu/qd-e2e-s17-nosh "$noshdir"
QEMU_DOCKER_TRACE=1 IMAGE=qemu/qd-e2e-s17-nosh compile nosh.o
assert_exit 0 "a compile in an image without sh"
assert_contains "$ERR" "compiled by the agent in qemu-docker-cc-" "compiled warm"
assert_eq 1 "$(warm | wc -l)" "one warm container for it"
remove_warm

# --- A home directory so deep that the agent's socket path is longer than
# a socket address holds (108 bytes): compiled by the agent all the same,
# and nothing notes the agent as refused.
deep=$E2E_TMP/$(printf 'home%.0s' {1..20})
mkdir -p "$deep"
HOME=$deep XDG_RUNTIME_DIR='' QEMU_DOCKER_TRACE=1 compile deep.o
assert_exit 0 "a compile with a deep home directory"
sock=$(find "$deep/.cache/qemu-docker" -name agent.sock)
assert_eq yes "$([ "${#sock}" -gt 108 ] && echo yes)" "its agent's socket path is over 108 bytes"
assert_contains "$ERR" "compiled by the agent in qemu-docker-cc-" "compiled by the agent"
assert_eq "" "$(find "$deep/.cache/qemu-docker" -name 'cc-*.no-agent')" "the agent is not noted as refused"
remove_warm

# --- An engine or policy that will not start the agent's container (here
# an agent the container cannot execute, as when SELinux denies it): the
# compile goes through ENGINE exec instead, warm, as the trace says, and so
# do the next ones without trying the agent again; clean forgets that.
refused=$E2E_TMP/refused-agent
mkdir -p "$refused"
cp "${QD_CMD[0]}" "$refused/qemu-docker"
printf '#!/no/such/interpreter\n' >"$refused/qemu-docker-cc-agent"
chmod 755 "$refused/qemu-docker-cc-agent"
saved_cmd=("${QD_CMD[@]}")
QD_CMD=("$refused/qemu-docker")
QEMU_DOCKER_TRACE=1 compile refused.o
assert_exit 0 "a compile when the agent's container does not start"
assert_contains "$ERR" "exec instead of the compile agent for the next 10 minutes" "the trace says so"
assert_eq yes "$([ -s refused.o ] && echo yes)" "the object was written"
assert_eq 1 "$(warm | wc -l)" "one warm container, the exec way"
c=$(warm)
assert_contains "$(processes "$c" | head -n 1)" "sh -c" "its PID 1 is the shell keep-alive"
QEMU_DOCKER_TRACE=1 compile refused-again.o
assert_exit 0 "the next compile"
assert_contains "$ERR" "did not start the compile agent's container for $TOOLCHAIN_IMAGE lately" \
    "goes through exec at once"
assert_not_contains "$ERR" "could not start" "without trying the agent again"
assert_eq "$c" "$(warm)" "in the same container"
qd clean
assert_eq "" "$(find "$HOME/.cache/qemu-docker" -name 'cc-*.no-agent' 2>/dev/null)" "clean forgot it"
QD_CMD=("${saved_cmd[@]}")
remove_warm

# --- The warm/plain differential.
printf 'int f(void) { int unused; return 0; }\n' >"$src/warn.c"
printf 'int f( {\n' >"$src/bad.c"
# NAME@COMPILER@ARGUMENTS (words), or NAME@sh@SCRIPT (run as sh -c SCRIPT).
CASES=(
    "ok@gcc@-c $src/ok.c -o ok.o"
    "warnings@gcc@-Wall -c $src/warn.c -o warn.o"
    "errors@gcc@-c $src/bad.c -o bad.o"
    "dependencies into a subdirectory@gcc@-MD -c $src/ok.c -o sub/dir/ok.o"
    "a missing compiler@no-such-cc@-c $src/ok.c"
    "a compiler that is not executable@./not-executable@-c $src/ok.c"
    'who and where@sh@id; umask; pwd; echo "$HOME:$PATH"; env | grep -v ^HOSTNAME= | sort'
    "stdout, stderr and binary@sh@echo out; echo err >&2; printf 'a\\000b'"
    'stdin@sh@cat; echo "read $?"'
    "an exit status@sh@exit 3"
    'a signal to what the compiler started@sh@sh -c "kill -SEGV \$\$"; echo "status $?"'
    "files and modes@sh@umask 027; mkdir -p d/e; touch d/e/f; chmod 640 d/e/f; ln -s f d/l"
)
# What a run leaves: its streams, status and files.
record() { # DIR
    echo "exit $RC"
    echo "--- stdout"
    sed -E 's/[0-9a-f]{32}/<uuid>/g' "$E2E_TMP/out"
    echo "--- stderr"
    # docker 20's client adds this to a failed run's error now and then.
    sed -E -e 's/[0-9a-f]{32}/<uuid>/g' \
        -e '/level=error msg="error waiting for container: context canceled"/d' "$E2E_TMP/err"
    echo "--- files"
    (cd "$1" && find . -mindepth 1 -printf '%p %y %m %U:%G %s\n' | sort &&
        find . -type f -exec sha256sum {} + | sort -k 2)
}
# corpus WHO DIR IMAGE [RUNNER...]: each case plain, then warm, in DIR.
corpus() {
    local who=$1 dir=$2 image=$3 c name cc words mode args tmp=$E2E_TMP/tmp
    shift 3
    [ $# -eq 0 ] || tmp=/tmp
    for c in "${CASES[@]}"; do
        IFS='@' read -r name cc words <<<"$c"
        [ "$image" = "$TOOLCHAIN_IMAGE" ] || [ "$cc" != gcc ] || continue
        if [ "$cc" = sh ]; then args=(-c "$words"); else read -ra args <<<"$words"; fi
        for mode in plain warm; do
            find "$dir" -mindepth 1 -delete
            "$@" mkdir -p "$dir/sub/dir"
            "$@" sh -c "printf '#!/bin/sh\n' >'$dir/not-executable'"
            local reuse=()
            [ $mode = plain ] && reuse=(QEMU_DOCKER_REUSE=0)
            (cd "$dir" && "$@" env "${reuse[@]}" TMPDIR=$tmp "${QD_CMD[@]}" --engine "$QD_ENGINE" \
                cc -i "$image" --cc "$cc" -s "$src" -- "${args[@]}" \
                <<<"some input" >"$E2E_TMP/out" 2>"$E2E_TMP/err")
            RC=$?
            record "$dir" >"$E2E_TMP/$mode"
        done
        # Everything the same, also the group on rootless podman (keep-id):
        # the agent runs as the container's first process, as a plain run's
        # compiler does (an `ENGINE exec` got the user's own group there).
        if cmp -s "$E2E_TMP/plain" "$E2E_TMP/warm"; then
            pass "$who, $name: warm and plain the same ($(head -n 1 "$E2E_TMP/warm"))"
        else
            fail "$who, $name: warm and plain differ"
            diff -u "$E2E_TMP/plain" "$E2E_TMP/warm" | sed 's/^/  /' | head -n 40
        fi
    done
}
mkdir -p "$work/corpus"
corpus root "$work/corpus" $TOOLCHAIN_IMAGE

test_user_init
user_compile_setup
corpus "$user" "$mine" "$image" as_user
as_user "${QD_CMD[@]}" --engine "$QD_ENGINE" clean >/dev/null 2>&1
assert_eq "" "$(as_user "$QD_ENGINE" ps -a --filter label=com.qemu.cc-reuse -q 2>/dev/null)" \
    "clean removed $user's warm containers"
qd clean
assert_eq "" "$(find "$HOME/.cache/qemu-docker" -name 'cc-*' 2>/dev/null)" \
    "clean removed the lock files and markers"
cd "$work" || die "cd $work"
assert_tmpdir_empty "warm compiles"

e2e_done
