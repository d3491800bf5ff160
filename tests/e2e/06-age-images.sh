#!/bin/bash
# Scenario 6: check --checktype=age --olderthan=N both ways, as QEMU's
# rolling-distro rule uses it (any output means "rebuild"); images lists
# what was built.
. "$(dirname "$0")/lib.sh"
e2e_init
ensure_base_image

tag=qemu/qd-e2e-s6
remove_image $tag
on_exit "remove_image $tag"
df=$(write_dockerfile qd-e2e-s6 <<<"FROM $BASE_IMAGE
RUN echo s6 > /s6")

qd check --checktype=age --olderthan=60 $tag
assert_exit 1 "age check of a missing image"
assert_eq "Image does not exist" "$OUT" "age check says the image does not exist"

# --no-cache: an image rebuilt from the engine's cache keeps the creation time
# of the first build, which may be hours old when the data-root is reused.
qd build --quiet --no-cache -t $tag -f "$df"
assert_exit 0 "build"

qd check --checktype=age --olderthan=60 $tag
assert_exit 0 "image younger than 60 minutes"
assert_eq "Image less than 60 minutes old" "$OUT" "says less than 60 minutes old"
qd check --checktype=age --olderthan=180 --quiet $tag
assert_exit 0 "quiet age check of a young image"
assert_eq "" "$OUT" "quiet age check of a young image prints nothing"

# The message shows the creation time up to its first ".".
created=$(eng image inspect $tag | /usr/bin/python3 -c \
    'import json, sys; print(json.load(sys.stdin)[0]["Created"].split(".")[0])')
sleep 1
qd check --checktype=age --olderthan=0 $tag
assert_exit 1 "image older than 0 minutes"
assert_eq "Image created @ $created more than 0 minutes old" "$OUT" "says more than 0 minutes old"
qd check --checktype=age --olderthan=0 --quiet $tag
assert_exit 1 "quiet age check of an old image"
assert_eq "Image created @ $created more than 0 minutes old" "$OUT" "quiet age check still prints"

qd images --format '{{.Repository}}:{{.Tag}}'
assert_exit 0 "images with a passed-through --format"
if grep -Eqx "(localhost/)?$tag:latest" <<<"$OUT"; then
    pass "images lists $tag"
else
    fail "images does not list $tag"
    show_output
fi
qd images
assert_exit 0 "images"
assert_contains "$OUT" "$tag" "plain images lists $tag"
qd images -q --no-trunc
assert_exit 0 "images -q --no-trunc"
assert_eq "$(eng images -q --no-trunc | sort)" "$(sort <<<"$OUT")" "images -q lists what the engine lists"

e2e_done
