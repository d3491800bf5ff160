#!/bin/bash
# Scenario 9: failure paths on the real engine.  A RUN step that fails, a
# base image that does not exist, a .pre that fails or skips, and (docker)
# a daemon that is not running: a clear error, a non-zero exit, no image,
# and nothing left in TMPDIR.
. "$(dirname "$0")/lib.sh"
e2e_init
ensure_base_image

tag=qemu/qd-e2e-s9
remove_image $tag
on_exit "remove_image $tag"

# The last line of stderr is qemu-docker's own error.
assert_last_error_line() {
    local last
    last=$(tail -n 1 <<<"$ERR")
    if [[ $last == "qemu-docker: error: "* ]]; then
        pass "$1: ends with a qemu-docker error line"
    else
        fail "$1: last stderr line is not 'qemu-docker: error: ...'"
        show_output
    fi
}
# assert_build_failed WHAT: the last build failed with qemu-docker's error
# line, and left no image and nothing in TMPDIR.
assert_build_failed() {
    assert_exit_nonzero "$1"
    assert_last_error_line "$1"
    assert_no_image $tag
    assert_tmpdir_empty "$1"
}
# pre_dockerfile NAME SCRIPT: a dockerfile FROM the base whose .pre is SCRIPT.
pre_dockerfile() {
    local df
    df=$(write_dockerfile "$1" <<<"FROM $BASE_IMAGE")
    printf '#!/bin/sh\n%s\n' "$2" >"${df%.docker}.pre"
    chmod +x "${df%.docker}.pre"
    echo "$df"
}

df=$(write_dockerfile qd-e2e-s9-run-fails <<<"FROM $BASE_IMAGE
RUN echo about to fail && false")
containers() { eng ps -a -q --no-trunc | sort; }
before=$(containers)
qd build -t $tag -f "$df"
assert_build_failed "RUN false"
# docker's classic builder keeps the failed step's container (it has no
# --force-rm by default, and docker.py passes none); podman's build removes
# it.  The test removes what docker keeps, so that runs do not pile them up.
left=$(comm -13 <(echo "$before") <(containers))
if [ "$QD_ENGINE" = docker ] && [ -n "$left" ]; then
    assert_contains "$(eng inspect --format '{{json .Config.Cmd}}' $left)" "echo about to fail" \
        "what docker keeps is the failed RUN step's container"
    eng rm -f $left >/dev/null
fi
assert_eq "" "$(comm -13 <(echo "$before") <(containers))" "no container left by the failed build"

df=$(write_dockerfile qd-e2e-s9-no-base <<<"FROM qd-e2e-no-such-image:latest
RUN true")
qd build -t $tag -f "$df"
assert_build_failed "missing base image"

# A qemu/ parent whose dockerfile exists but whose image was never built.
write_dockerfile qd-e2e-s9-unbuilt <<<"FROM $BASE_IMAGE" >/dev/null
df=$(write_dockerfile qd-e2e-s9-unbuilt-parent <<<"FROM qemu/qd-e2e-s9-unbuilt
RUN true")
remove_image qemu/qd-e2e-s9-unbuilt
qd build -t $tag -f "$df"
assert_build_failed "parent image never built"

df=$(pre_dockerfile qd-e2e-s9-pre-fails 'echo pre ran >&2; exit 1')
qd build -t $tag -f "$df"
assert_exit 1 ".pre exits 1"
assert_contains "$OUT$ERR" "${df%.docker}.pre exited with code 1" ".pre failure is reported"
assert_contains "$ERR" "pre ran" "the .pre's stderr is shown"
assert_no_image $tag
assert_tmpdir_empty ".pre exits 1"

df=$(pre_dockerfile qd-e2e-s9-pre-skips 'exit 3')
qd build -t $tag -f "$df"
assert_exit 0 ".pre exits 3 (skip)"
assert_eq "Skip" "$OUT" ".pre skip says Skip"
assert_no_image $tag
assert_tmpdir_empty ".pre exits 3"

if [ "$QD_ENGINE" = docker ]; then
    # A socket nobody listens on stands for a stopped dockerd.
    df=$(write_dockerfile qd-e2e-s9-ok <<<"FROM $BASE_IMAGE")
    for cmd in "build -t $tag -f $df" "run $BASE_IMAGE true" "check $tag $df"; do
        # shellcheck disable=SC2086
        DOCKER_HOST=unix://$E2E_TMP/no-dockerd.sock qd $cmd
        assert_exit 1 "${cmd%% *} without dockerd"
        assert_error_line "${cmd%% *} without dockerd"
        assert_tmpdir_empty "${cmd%% *} without dockerd"
    done
    assert_no_image $tag
fi

e2e_done
