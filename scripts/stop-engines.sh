#!/bin/bash
# Stop the private dockerd, the registry, the tcp forwarder and the podman
# services that setup-engines.sh started,
# found by their pidfiles; anything else (a system dockerd) is left alone.
set -euo pipefail

STATE=${QD_STATE_DIR:-/var/tmp/qemu-docker-tests}
status=0

stop_pid() {
    local pidfile=$1 name=$2 pid
    [ -s "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$name"; then
        kill "$pid"
        for _ in $(seq 100); do
            [ -e "/proc/$pid" ] || break
            sleep 0.2
        done
        [ ! -e "/proc/$pid" ] || { echo "stop-engines: $name ($pid) did not stop" >&2; return 1; }
        echo "stop-engines: stopped $name"
    fi
    rm -f "$pidfile"
}

# One that does not stop does not keep the others running.
stop_pid "$STATE/docker/dockerd.pid" dockerd || status=1
# dockerd bind-mounts its data-root onto itself and leaves the mount behind.
if mountpoint -q "$STATE/docker/data"; then
    umount "$STATE/docker/data" || { echo "stop-engines: could not unmount $STATE/docker/data" >&2; status=1; }
fi
stop_pid "$STATE/registry/registry.pid" docker-registry || status=1
stop_pid "$STATE/docker-tcp/socat.pid" socat || status=1
stop_pid "$STATE/podman-service/service.pid" "podman system service" || status=1
stop_pid "$STATE/podman-far/service.pid" "podman system service" || status=1
ip link del qd-docker0 2>/dev/null || true

# The test user's rootless podman leaves a pause process holding its user
# namespace; the user exists for the tests only, so nothing else of it runs.
TEST_USER=${QD_TEST_USER:-qdtester}
if id "$TEST_USER" >/dev/null 2>&1 && pkill -u "$TEST_USER" -x 'podman pause'; then
    echo "stop-engines: stopped $TEST_USER's podman pause process"
fi
exit $status
