# Helpers for the end-to-end scenarios: source it, call e2e_init, assert,
# and end with e2e_done.
#
#   QEMU_DOCKER    the command under test (words split on spaces), e.g. the
#                  built binary or "/usr/bin/python3 T/docker.py"
#   QD_ENGINE      podman | docker
#   DOCKER_CLIENT  /usr/bin/docker or /usr/local/bin/docker; with the docker
#                  engine a "docker" link to it goes first on PATH
#   QD_SOURCE_DIR  the project's source tree (for dockerfiles/)
# shellcheck shell=bash
set -uo pipefail

E2E_FAILS=0
RC=0 OUT="" ERR=""
E2E_TMP=
E2E_DOCKERFILES=
E2E_CLEANUPS=()
QD_SOURCE_DIR=${QD_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
QD_ENGINE=${QD_ENGINE:-podman}
DOCKER_CLIENT=${DOCKER_CLIENT:-/usr/bin/docker}
QEMU_DOCKER=${QEMU_DOCKER:-$QD_SOURCE_DIR/build/dev/qemu-docker}
read -ra QD_CMD <<<"$QEMU_DOCKER"
# The scenarios change directory: relative paths in the command become absolute.
for i in "${!QD_CMD[@]}"; do
    [[ ${QD_CMD[i]} == /* || ${QD_CMD[i]} != */* ]] || QD_CMD[i]=$PWD/${QD_CMD[i]}
done
# Images the scenarios share; built once per engine, never removed.
BASE_IMAGE=qemu/qd-e2e-base
TOOLCHAIN_IMAGE=qemu/qd-e2e-toolchain

note() { echo "# $*"; }
pass() { echo "ok - $*"; }
fail() {
    echo "FAIL - $*"
    E2E_FAILS=$((E2E_FAILS + 1))
}
skip_all() {
    echo "SKIP - $*"
    exit 77
}
die() {
    echo "FAIL - $*"
    exit 1
}
# Whether a missing engine or precondition fails instead of skipping: in CI
# (CI=true) and under scripts/test.sh (QD_E2E_REQUIRE_ENGINES=1) the machine
# is set up for every scenario.
preconditions_required() { [ "${CI:-}" = true ] || [ "${QD_E2E_REQUIRE_ENGINES:-0}" = 1 ]; }
# missing_precondition WHAT: skips the scenario (77), or fails it where
# preconditions are required.
missing_precondition() {
    preconditions_required && die "$* (required with CI=true or QD_E2E_REQUIRE_ENGINES=1)"
    skip_all "$*"
}

# Runs the registered clean-ups (last first) and removes the temporary dir.
e2e_cleanup() {
    local i
    for ((i = ${#E2E_CLEANUPS[@]} - 1; i >= 0; i--)); do
        eval "${E2E_CLEANUPS[i]}" >/dev/null 2>&1 || true
    done
    [ -z "$E2E_TMP" ] || rm -rf "$E2E_TMP"
}
on_exit() { E2E_CLEANUPS+=("$1"); }

load_engine_env() {
    local env=${QD_STATE_DIR:-/var/tmp/qemu-docker-tests}/env
    # shellcheck disable=SC1090
    [ ! -r "$env" ] || . "$env"
}

engine_answers() {
    case $QD_ENGINE in
        podman) podman version >/dev/null 2>&1 ;;
        docker) docker version >/dev/null 2>&1 ;;
        *) die "QD_ENGINE must be podman or docker, not '$QD_ENGINE'" ;;
    esac
}

# Sets up the temporary dir, PATH and engine; skips (77) when the engine does
# not answer or when not root, unless preconditions are required.
e2e_init() {
    load_engine_env
    E2E_TMP=$(mktemp -d /tmp/qd-e2e.XXXXXX)
    chmod 755 "$E2E_TMP"
    trap e2e_cleanup EXIT
    on_exit remove_warm_containers
    trap 'exit 130' INT
    trap 'exit 143' TERM
    mkdir -p "$E2E_TMP/bin" "$E2E_TMP/tmp"
    # The directory for the scenarios' dockerfiles.  docker.py looks for
    # parents in dockerfiles/ beside itself, qemu-docker beside the dockerfile
    # given: when the command under test is a docker.py, use its directory
    # (and remove what the scenario wrote there on exit).  The project's
    # debian-bootstrap goes there under the name of $BASE_IMAGE, so that
    # FROM $BASE_IMAGE lines resolve.
    local last=${QD_CMD[${#QD_CMD[@]} - 1]}
    if [[ $last == *.py ]]; then
        E2E_DOCKERFILES=$(dirname "$last")/dockerfiles
        [ -d "$E2E_DOCKERFILES" ] || on_exit "rmdir $(printf %q "$E2E_DOCKERFILES")"
        on_exit "rm -f $(printf %q "$E2E_DOCKERFILES")/qd-e2e-*"
    else
        E2E_DOCKERFILES=$E2E_TMP/dockerfiles
    fi
    mkdir -p "$E2E_DOCKERFILES"
    local base=$E2E_DOCKERFILES/${BASE_IMAGE#qemu/}
    cp "$QD_SOURCE_DIR/dockerfiles/debian-bootstrap.docker" "$base.docker"
    cp "$QD_SOURCE_DIR/dockerfiles/debian-bootstrap.pre" "$base.pre"
    if [ "$QD_ENGINE" = docker ]; then
        ln -s "$DOCKER_CLIENT" "$E2E_TMP/bin/docker"
        export PATH=$E2E_TMP/bin:$PATH
    fi
    # Whether to use BuildKit is the command under test's choice.
    unset DOCKER_BUILDKIT
    local client=
    [ "$QD_ENGINE" != docker ] || client=" (client $DOCKER_CLIENT)"
    note "engine $QD_ENGINE$client, command: $QEMU_DOCKER"
    # As scripts/setup-engines.sh: the scenarios use the engines, users and
    # binfmt_misc entries it sets up as root.
    [ "$(id -u)" -eq 0 ] || missing_precondition "the scenarios run as root"
    engine_answers || missing_precondition "$QD_ENGINE does not answer (run scripts/setup-engines.sh)"
    if [ "${#QD_CMD[@]}" -eq 1 ] && [ ! -x "${QD_CMD[0]}" ]; then
        die "QEMU_DOCKER=$QEMU_DOCKER is not an executable"
    fi
}

e2e_done() {
    if [ "$E2E_FAILS" -ne 0 ]; then
        echo "# $E2E_FAILS assertion(s) failed"
        exit 1
    fi
    echo "# all passed"
    exit 0
}

# wait_until SECONDS CMD...: polls CMD every 0.2 s; fails when SECONDS pass first.
wait_until() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.2
    done
}
exited() { ! kill -0 "$1" 2>/dev/null; }

# The unprivileged test user scripts/setup-engines.sh adds: sets user, uid
# and home (a missing user is a missing precondition).
test_user_init() {
    user=${QD_TEST_USER:-qdtester}
    id "$user" >/dev/null 2>&1 || missing_precondition "no test user $user (run scripts/setup-engines.sh)"
    uid=$(id -u "$user")
    home=$(getent passwd "$user" | cut -d: -f6)
}

# as_user CMD...: CMD as the test user, in a login-like environment (its
# HOME, this PATH, TMPDIR=/tmp, no XDG_RUNTIME_DIR of root's) with the
# engines' settings: the private dockerd, the rootless podman configuration,
# the local registry's.  A scenario changes them with env: as_user env
# -u DOCKER_HOST VAR=VALUE CMD...
as_user() {
    local conf=${QD_ROOTLESS_CONTAINERS_CONF:-${CONTAINERS_CONF:-}}
    runuser -u "$user" -- env -u XDG_RUNTIME_DIR HOME="$home" PATH="$PATH" TMPDIR=/tmp \
        DOCKER_HOST="${DOCKER_HOST:-}" CONTAINERS_CONF="$conf" \
        CONTAINERS_REGISTRIES_CONF="${CONTAINERS_REGISTRIES_CONF:-}" "$@"
}

# For the test user's compiles (after test_user_init): sets image (the
# toolchain image, or for podman, whose store is the user's own, the base
# image loaded into it) and mine, a directory of the user's.
user_compile_setup() {
    image=$TOOLCHAIN_IMAGE
    if [ "$QD_ENGINE" = podman ]; then
        image=$BASE_IMAGE
        if ! as_user podman image inspect $image >/dev/null 2>&1; then
            eng save $image 2>/dev/null | as_user podman load >/dev/null 2>&1 ||
                die "could not load $image for $user"
        fi
    fi
    mine=$E2E_TMP/user
    mkdir -p "$mine" && chown "$user:" "$mine"
}

# The raw engine (podman, or docker through the chosen client).
eng() { "$QD_ENGINE" "$@"; }

# Runs the command under test with --engine; leaves OUT, ERR and RC.
# Its TMPDIR is $E2E_TMP/tmp, so a test can see what it leaves there.
qd() {
    TMPDIR=$E2E_TMP/tmp "${QD_CMD[@]}" --engine "$QD_ENGINE" "$@" \
        >"$E2E_TMP/out" 2>"$E2E_TMP/err"
    RC=$?
    OUT=$(cat "$E2E_TMP/out")
    ERR=$(cat "$E2E_TMP/err")
    return 0
}

show_output() {
    echo "  --- exit $RC; stdout:"
    sed 's/^/  | /' <<<"$OUT" | tail -n 20
    echo "  --- stderr:"
    sed 's/^/  | /' <<<"$ERR" | tail -n 20
}

assert_eq() {
    local expected=$1 actual=$2 what=$3
    if [ "$expected" = "$actual" ]; then
        pass "$what"
    else
        fail "$what"
        echo "  expected: $(printf '%q' "$expected")"
        echo "  actual:   $(printf '%q' "$actual")"
        return 1
    fi
}

assert_contains() {
    local haystack=$1 needle=$2 what=$3
    if [[ $haystack == *"$needle"* ]]; then
        pass "$what"
    else
        fail "$what"
        echo "  wanted: $(printf '%q' "$needle")"
        sed 's/^/  | /' <<<"$haystack" | tail -n 20
    fi
}

assert_not_contains() {
    local haystack=$1 needle=$2 what=$3
    if [[ $haystack != *"$needle"* ]]; then
        pass "$what"
    else
        fail "$what"
        echo "  unwanted: $(printf '%q' "$needle")"
        sed 's/^/  | /' <<<"$haystack" | tail -n 20
    fi
}

# assert_exit EXPECTED WHAT: the status of the last qd.
assert_exit() {
    local expected=$1 what=$2
    if [ "$RC" = "$expected" ]; then
        pass "$what (exit $RC)"
    else
        fail "$what: exit $RC, wanted $expected"
        show_output
    fi
}

assert_exit_nonzero() {
    local what=$1
    if [ "$RC" -ne 0 ]; then
        pass "$what (exit $RC)"
    else
        fail "$what: exit 0, wanted non-zero"
        show_output
    fi
}

# The one line qemu-docker prints on stderr for an error.
assert_error_line() {
    local what=$1 lines
    lines=$(grep -c . <<<"$ERR")
    if [[ $ERR == "qemu-docker: error: "* ]] && [ "$lines" -eq 1 ]; then
        pass "$what: one error line"
    else
        fail "$what: wanted one 'qemu-docker: error: ...' line on stderr"
        show_output
    fi
}

image_id() { eng image inspect --format '{{.Id}}' "$1" 2>/dev/null; }
image_exists() { eng image inspect "$1" >/dev/null 2>&1; }
image_label() { eng image inspect --format "{{index .Config.Labels \"$2\"}}" "$1" 2>/dev/null; }

assert_image_exists() {
    if image_exists "$1"; then pass "image $1 exists"; else fail "image $1 missing"; fi
}
assert_no_image() {
    if image_exists "$1"; then fail "image $1 should not exist"; else pass "no image $1"; fi
}

assert_label() {
    local image=$1 label=$2 expected=$3
    assert_eq "$expected" "$(image_label "$image" "$label")" "$image label $label"
}

# assert_in_image IMAGE EXPECTED CMD...: CMD's stdout in a fresh container.
assert_in_image() {
    local image=$1 expected=$2
    shift 2
    assert_eq "$expected" "$(eng run --rm "$image" "$@" 2>&1)" "in $image: $*"
}

remove_image() { eng rmi -f "$@" >/dev/null 2>&1 || true; }

# Containers carrying qemu-docker's label, running or not.
# cc's warm containers (on by default) outlive the compiles by a minute:
# none may reach the next scenario.
remove_warm_containers() {
    local ids
    ids=$(eng ps -aq --filter label=com.qemu.cc-reuse 2>/dev/null)
    [ -z "$ids" ] || eng rm -f $ids
    if [ -n "${user:-}" ] && [ "$QD_ENGINE" = podman ]; then
        ids=$(as_user podman ps -aq --filter label=com.qemu.cc-reuse 2>/dev/null)
        [ -z "$ids" ] || as_user podman rm -f $ids
    fi
}

labelled_containers() {
    eng ps -a -q "$@" --filter label=com.qemu.instance.uuid 2>/dev/null
}

assert_tmpdir_empty() {
    local left
    left=$(ls -A "$E2E_TMP/tmp")
    assert_eq "" "$left" "$1: nothing left in TMPDIR"
    rm -rf "${E2E_TMP:?}/tmp" && mkdir "$E2E_TMP/tmp"
}

# write_dockerfile NAME <TEXT: $E2E_DOCKERFILES/NAME.docker, beside the base.
write_dockerfile() {
    cat >"$E2E_DOCKERFILES/$1.docker"
    echo "$E2E_DOCKERFILES/$1.docker"
}

# Builds IMAGE from the project's DOCKERFILE with the raw engine, running its
# .pre in a fresh context as qemu-docker would (fixtures for the scenarios).
raw_build() {
    local image=$1 dockerfile=$2 ctx pre
    ctx=$(mktemp -d "$E2E_TMP/ctx.XXXXXX")
    pre=${dockerfile%.docker}.pre
    if [ -x "$pre" ]; then
        (cd "$ctx" && "$pre" >/dev/null) || die "$pre failed"
    fi
    cp "$dockerfile" "$ctx/Dockerfile.e2e"
    # The classic builder, which every docker client has.
    if ! DOCKER_BUILDKIT=0 eng build -q -t "$image" -f "$ctx/Dockerfile.e2e" "$ctx" \
        >"$E2E_TMP/raw-build.log" 2>&1; then
        tail -n 20 "$E2E_TMP/raw-build.log"
        die "could not build fixture $image"
    fi
    rm -rf "$ctx"
}

# The shared base: the project's debian-bootstrap as $BASE_IMAGE.
ensure_base_image() {
    image_exists "$BASE_IMAGE" && return 0
    note "building fixture $BASE_IMAGE"
    raw_build "$BASE_IMAGE" "$QD_SOURCE_DIR/dockerfiles/debian-bootstrap.docker"
}

# The project's debian-toolchain on top of $BASE_IMAGE.
ensure_toolchain_image() {
    image_exists "$TOOLCHAIN_IMAGE" && return 0
    ensure_base_image
    note "building fixture $TOOLCHAIN_IMAGE"
    local df=$E2E_TMP/debian-toolchain.docker
    sed "s|^FROM qemu/debian-bootstrap|FROM $BASE_IMAGE|" \
        "$QD_SOURCE_DIR/dockerfiles/debian-toolchain.docker" >"$df"
    cp "$QD_SOURCE_DIR"/dockerfiles/debian-{bootstrap,toolchain}.pre "$E2E_TMP/"
    raw_build "$TOOLCHAIN_IMAGE" "$df"
}

# Where a copy of the reference docker.py can run (with dockerfiles/ beside
# it), or nothing when ../shared/reference is absent.
reference_py() {
    local ref=${REFERENCE_DOCKER_PY:-$QD_SOURCE_DIR/../shared/reference/docker.py}
    [ -r "$ref" ] || return 0
    mkdir -p "$E2E_TMP/ref/dockerfiles"
    cp "$ref" "$E2E_TMP/ref/docker.py"
    echo "$E2E_TMP/ref/docker.py"
}

# The com.qemu.dockerfile-checksum the reference computes for a dockerfile
# whose parents are in the same directory; nothing, and a line on stderr,
# when the reference is absent (so the comparison fails).
reference_checksum() {
    local dockerfile=$1 py
    py=$(reference_py)
    if [ -z "$py" ]; then
        echo "no reference docker.py (${REFERENCE_DOCKER_PY:-$QD_SOURCE_DIR/../shared/reference/docker.py})" >&2
        return 1
    fi
    cp "$(dirname "$dockerfile")"/*.docker "$(dirname "$py")/dockerfiles/"
    /usr/bin/python3 - "$py" "$dockerfile" <<'EOF'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("docker_ref", sys.argv[1])
ref = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ref)
text = ref._read_dockerfile(sys.argv[2])
print(ref._text_checksum(ref._dockerfile_preprocess(text)))
EOF
}
