#!/bin/bash
# Which engines and tools the e2e suite finds, with their versions.  Fails
# when one is missing and CI=true or QD_E2E_REQUIRE_ENGINES=1 (as
# scripts/test.sh sets it, after scripts/setup-engines.sh); otherwise skips (77).
. "$(dirname "$0")/lib.sh"
load_engine_env

missing=()

# report NAME VERSION-COMMAND...: one line, "missing" when it fails.
report() {
    local name=$1 version
    shift
    if version=$("$@" 2>/dev/null) && [ -n "$version" ]; then
        echo "found $name $version"
    else
        echo "missing $name"
        missing+=("$name")
    fi
}

binfmt_flags() { sed -n 's/^flags: //p' /proc/sys/fs/binfmt_misc/qemu-aarch64; }
registry_version() {
    curl -fsS "http://${QD_REGISTRY:?}/v2/" >/dev/null &&
        echo "$(docker-registry --version | awk '{print $3}') at $QD_REGISTRY"
}
client_version() { "$1" --version | sed -n 's/^Docker version \([^,]*\),.*/\1/p'; }
test_user() { id -u "${QD_TEST_USER:-qdtester}"; }
as_root() { [ "$(id -u)" -eq 0 ] && echo "(uid 0)"; }

report root as_root
report podman podman version --format '{{.Client.Version}}'
report "docker client /usr/bin/docker" client_version /usr/bin/docker
report "docker client /usr/local/bin/docker" client_version /usr/local/bin/docker
report "dockerd (${DOCKER_HOST:-default socket})" /usr/bin/docker version --format '{{.Server.Version}}'
report registry registry_version
report debootstrap dpkg-query -W -f '${Version}' debootstrap
report "binfmt_misc qemu-aarch64 flags" binfmt_flags
report "qemu-aarch64 (dynamic, for --include-executable)" sh -c 'test -x /usr/bin/qemu-aarch64 && echo /usr/bin/qemu-aarch64'
report "test user ${QD_TEST_USER:-qdtester} uid" test_user
podman_docker() { sh -c 'test -x "$1/docker" && echo "$1/docker"' - "${QD_PODMAN_DOCKER_BIN:-}"; }
report "podman-docker shim (unpacked)" podman_docker
ref=${REFERENCE_DOCKER_PY:-$QD_SOURCE_DIR/../shared/reference/docker.py}
if [ -r "$ref" ]; then echo "found reference docker.py"; else echo "no reference docker.py (its checksum is not compared)"; fi

[ ${#missing[@]} -eq 0 ] && exit 0
preconditions_required && die "missing: ${missing[*]} (required with CI=true or QD_E2E_REQUIRE_ENGINES=1)"
echo "SKIP - missing: ${missing[*]}; run scripts/setup-engines.sh and source scripts/engines-env.sh"
exit 77
