#!/bin/bash
# Scenario 4: --extra-files end up in the image with their content and a
# checksum label; --registry pulls the parents from the local registry and
# builds on them; fetch qemu/X REGISTRY after X was pushed there, then
# update qemu/X --add-current-user.
. "$(dirname "$0")/lib.sh"
e2e_init
ensure_base_image
[ -n "${QD_REGISTRY:-}" ] || die "QD_REGISTRY is not set (source scripts/engines-env.sh)"
reg=$QD_REGISTRY

extra=qemu/qd-e2e-s4-extra
parent=qemu/qd-e2e-s4-parent
child=qemu/qd-e2e-s4-child
fetched=qemu/qd-e2e-s4-fetch
all=("$extra" "$parent" "$child" "$fetched" "$reg/$parent" "$reg/$fetched" "$reg/$child")
remove_image "${all[@]}"
on_exit "remove_image ${all[*]}"

# --extra-files, named relative to the current directory as QEMU does.
files=$E2E_TMP/files
mkdir -p "$files"
printf 'hello from the e2e test\n' >"$files/greeting.txt"
head -c 4096 /dev/urandom >"$files/data.bin"
df=$(write_dockerfile qd-e2e-s4-extra <<<"FROM $BASE_IMAGE
ADD greeting.txt data.bin /opt/")
cd "$files" || die "cd $files"
qd build -t $extra -f "$df" --extra-files greeting.txt data.bin
cd - >/dev/null || die "cd back"
assert_exit 0 "build with --extra-files"
assert_in_image $extra "hello from the e2e test" cat /opt/greeting.txt
assert_in_image $extra "$(sha1sum <"$files/data.bin" | cut -d' ' -f1)" \
    sh -c 'sha1sum < /opt/data.bin | cut -d" " -f1'
assert_label $extra com.qemu.greeting.txt-checksum "$(sha1sum <"$files/greeting.txt" | cut -d' ' -f1)"
assert_label $extra com.qemu.data.bin-checksum "$(sha1sum <"$files/data.bin" | cut -d' ' -f1)"

# --registry: the parent is only in the registry.
df=$(write_dockerfile qd-e2e-s4-parent <<<"FROM $BASE_IMAGE
RUN echo from-registry > /parent-mark")
qd build -t $parent -f "$df"
assert_exit 0 "parent build"
eng tag $parent $reg/$parent && eng push -q $reg/$parent >/dev/null 2>&1 ||
    die "could not push $parent to $reg"
remove_image $parent $reg/$parent
child_df=$(write_dockerfile qd-e2e-s4-child <<<"FROM $parent
RUN cp /parent-mark /child-mark")
qd build -t $child -f "$child_df" --registry $reg
assert_exit 0 "child build with --registry"
assert_image_exists $reg/$parent
assert_in_image $child from-registry cat /child-mark
qd check $child "$child_df"
assert_exit 0 "check of the child built with --registry"
assert_eq "Image is up to date" "$OUT" "its checksum is the one without the registry"

# fetch, then update --add-current-user.
df=$(write_dockerfile qd-e2e-s4-fetch <<<"FROM $BASE_IMAGE
RUN echo fetched > /fetch-mark")
qd build -t $fetched -f "$df"
assert_exit 0 "build of the image to fetch"
sum=$(image_label $fetched com.qemu.dockerfile-checksum)
eng tag $fetched $reg/$fetched && eng push -q $reg/$fetched >/dev/null 2>&1 ||
    die "could not push $fetched to $reg"
remove_image $fetched $reg/$fetched

qd fetch $fetched $reg
assert_exit 0 "fetch"
assert_image_exists $fetched
assert_label $fetched com.qemu.dockerfile-checksum "$sum"
assert_in_image $fetched fetched cat /fetch-mark
qd fetch --quiet $fetched $reg
assert_exit 0 "quiet fetch"
assert_eq "" "$OUT" "quiet fetch prints nothing"
qd fetch qemu/qd-e2e-s4-not-there $reg
assert_exit_nonzero "fetch of an image the registry does not have"
assert_no_image qemu/qd-e2e-s4-not-there

before=$(image_id $fetched)
qd update $fetched --add-current-user
assert_exit 0 "update --add-current-user"
after=$(image_id $fetched)
if [ -n "$after" ] && [ "$after" != "$before" ]; then
    pass "update made a new image"
else
    fail "update left image $after (was $before)"
fi
me=$(id -un)
assert_in_image $fetched "$(id -u)" id -u "$me"
# As root the useradd never runs (root is in every image): the step must be there.
assert_contains "$(eng history --no-trunc --format '{{.CreatedBy}}' $fetched 2>&1)" \
    "useradd -u $(id -u) -U $me" "update added the useradd step"
assert_label $fetched com.qemu.dockerfile-checksum "$sum"
assert_tmpdir_empty "builds, fetch and update"

e2e_done
