#!/bin/bash
# Scenario 3: as an unprivileged user, build --add-current-user puts that
# user in the image with the same uid, and run --run-as-current-user
# -v DIR:DIR writes a file in DIR that belongs to the user on the host.
# docker: the user reaches the private dockerd through the docker group;
# podman: rootless podman of the user's own (keep-id).
. "$(dirname "$0")/lib.sh"
e2e_init
ensure_base_image

test_user_init
tag=qemu/qd-e2e-s3-user

# The user's engine: the shared dockerd, or the user's own rootless podman.
user_eng() { as_user "$QD_ENGINE" "$@"; }
# user_eng's stdout alone: rootless podman warns on stderr (e.g. when / is not
# a shared mount), which must not end up in the values compared.  The stderr
# is kept in $E2E_TMP/user-err and shown when a value is not the expected one.
user_eng_out() { user_eng "$@" 2>"$E2E_TMP/user-err"; }
show_user_err() { sed 's/^/  stderr: /' "$E2E_TMP/user-err"; }
# qd as the user; leaves OUT, ERR and RC.
qd_user() {
    RC=0
    OUT=$(as_user "${QD_CMD[@]}" --engine "$QD_ENGINE" "$@" 2>"$E2E_TMP/err") || RC=$?
    ERR=$(cat "$E2E_TMP/err")
}

build_args=()
if [ "$QD_ENGINE" = podman ]; then
    rootless=$(user_eng_out info --format '{{.Host.Security.Rootless}}')
    [ "$rootless" = true ] || { show_user_err; die "podman is not rootless for $user: $rootless"; }
    if ! user_eng image inspect $BASE_IMAGE >/dev/null 2>&1; then
        note "loading $BASE_IMAGE into $user's podman"
        eng save $BASE_IMAGE 2>/dev/null | user_eng load >/dev/null 2>&1 ||
            die "could not load $BASE_IMAGE for $user"
    fi
    # Rootless RUN steps need slirp4netns, which needs /dev/net/tun, which
    # only root may open here.
    build_args=(--network=none)
fi
user_eng rmi -f $tag >/dev/null 2>&1
on_exit "user_eng rmi -f $tag"

df=$(write_dockerfile qd-e2e-s3-user <<<"FROM $BASE_IMAGE
RUN echo built > /built")
qd_user build --add-current-user -t $tag -f "$df" "${build_args[@]}"
assert_exit 0 "build --add-current-user as $user"
assert_eq "$uid" "$(user_eng_out run --rm $tag id -u "$user")" "$user has uid $uid in the image" ||
    show_user_err
assert_eq "$uid" "$(user_eng_out run --rm $tag sh -c "getent group $user | cut -d: -f3")" \
    "$user's own group has gid $uid" || show_user_err

shared=$E2E_TMP/shared
mkdir -p "$shared"
chown "$user:" "$shared"
qd_user run --run-as-current-user -v "$shared:$shared" $tag \
    sh -c "id -un; id -u; echo written > $shared/from-container"
assert_exit 0 "run --run-as-current-user as $user"
assert_eq "$user
$uid" "$OUT" "the container runs as $user"
assert_eq "$user:written" "$(stat -c %U "$shared/from-container" 2>&1):$(cat "$shared/from-container" 2>&1)" \
    "the file it wrote belongs to $user"

qd_user check $tag "$df"
assert_exit 0 "check as $user"
assert_eq "Image is up to date" "$OUT" "--add-current-user leaves the checksum as it is"

e2e_done
