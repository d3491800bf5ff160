# Source this after scripts/setup-engines.sh: it points podman and the
# docker clients at the engines set up for the tests and exports
# QD_REGISTRY, QD_STATE_DIR, QD_TEST_USER and QD_ROOTLESS_CONTAINERS_CONF.
# shellcheck shell=bash
if [ -r "${QD_STATE_DIR:-/var/tmp/qemu-docker-tests}/env" ]; then
    . "${QD_STATE_DIR:-/var/tmp/qemu-docker-tests}/env"
else
    echo "engines-env.sh: no ${QD_STATE_DIR:-/var/tmp/qemu-docker-tests}/env; run scripts/setup-engines.sh first" >&2
    return 1 2>/dev/null || exit 1
fi
