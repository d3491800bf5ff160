#!/bin/bash
# Scenario 1: build an image fresh, then again ("Image is up to date.", no
# engine build); --no-cache rebuilds; the checksum label equals the one the
# reference docker.py computes for the same dockerfile.
. "$(dirname "$0")/lib.sh"
e2e_init

tag=qemu/qd-e2e-s1
df=$QD_SOURCE_DIR/dockerfiles/debian-bootstrap.docker
remove_image $tag
on_exit "remove_image $tag"

qd build -t $tag -f "$df"
assert_exit 0 "fresh build"
assert_not_contains "$OUT" "Image is up to date." "fresh build did build"
assert_image_exists $tag
assert_in_image $tag bookworm sh -c '. /etc/os-release && echo $VERSION_CODENAME'
first=$(image_id $tag)
on_exit "remove_image $first"   # untagged by the --no-cache build
sum=$(image_label $tag com.qemu.dockerfile-checksum)
if [[ $sum =~ ^[0-9a-f]{40}$ ]]; then pass "checksum label is a SHA-1"; else fail "checksum label '$sum'"; fi

assert_eq "$(reference_checksum "$df")" "$sum" "checksum label equals the reference's"

qd build -t $tag -f "$df"
assert_exit 0 "second build"
assert_eq "Image is up to date." "$OUT" "second build says up to date"
assert_eq "$first" "$(image_id $tag)" "second build left the image as it was"

qd build --quiet -t $tag -f "$df"
assert_exit 0 "quiet build"
assert_eq "" "$OUT" "quiet build prints nothing"
assert_eq "$first" "$(image_id $tag)" "quiet build left the image as it was"

qd check $tag "$df"
assert_exit 0 "check after build"
assert_eq "Image is up to date" "$OUT" "check says up to date"

qd build -t $tag -f "$df" --no-cache
assert_exit 0 "--no-cache build"
assert_not_contains "$OUT" "Image is up to date." "--no-cache did build"
second=$(image_id $tag)
if [ -n "$second" ] && [ "$second" != "$first" ]; then
    pass "--no-cache made a new image"
else
    fail "--no-cache left image $second (was $first)"
fi
assert_label $tag com.qemu.dockerfile-checksum "$sum"
assert_tmpdir_empty "builds"

e2e_done
