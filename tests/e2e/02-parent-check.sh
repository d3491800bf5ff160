#!/bin/bash
# Scenario 2: a child image FROM qemu/PARENT; check before and after a
# change to the parent's dockerfile ("needs updating"; after rebuilding
# parent and child, "up to date").
. "$(dirname "$0")/lib.sh"
e2e_init
ensure_base_image

parent=qemu/qd-e2e-s2-parent
child=qemu/qd-e2e-s2-child
remove_image $child $parent
on_exit "remove_image $child $parent"

parent_df=$(write_dockerfile qd-e2e-s2-parent <<<"FROM $BASE_IMAGE
RUN echo one > /parent-version")
child_df=$(write_dockerfile qd-e2e-s2-child <<<"FROM $parent
RUN cp /parent-version /child-saw")

qd check $child "$child_df"
assert_exit 1 "check before any build"
assert_eq "Image does not exist" "$OUT" "check says the image does not exist"

qd build -t $parent -f "$parent_df"
assert_exit 0 "parent build"
qd build -t $child -f "$child_df"
assert_exit 0 "child build"
assert_in_image $child one cat /child-saw

qd check $child "$child_df"
assert_exit 0 "check child after build"
assert_eq "Image is up to date" "$OUT" "child is up to date"
qd check --quiet $child "$child_df"
assert_exit 0 "quiet check"
assert_eq "" "$OUT" "quiet check of an up to date image prints nothing"

echo "RUN echo two > /parent-version" >>"$parent_df"
qd check $parent "$parent_df"
assert_exit 1 "check parent after its change"
assert_eq "Image needs updating" "$OUT" "parent needs updating"
qd check $child "$child_df"
assert_exit 1 "check child after the parent's change"
assert_eq "Image needs updating" "$OUT" "child needs updating"
qd check --quiet $child "$child_df"
assert_exit 1 "quiet check of the child"
assert_eq "Image needs updating" "$OUT" "quiet check still says needs updating"

qd build -t $parent -f "$parent_df"
assert_exit 0 "parent rebuild"
assert_in_image $parent two cat /parent-version
qd check $child "$child_df"
assert_exit 1 "child check after only the parent was rebuilt"
assert_eq "Image needs updating" "$OUT" "child still needs updating"

qd build -t $child -f "$child_df"
assert_exit 0 "child rebuild"
assert_not_contains "$OUT" "Image is up to date." "child was rebuilt"
assert_in_image $child two cat /child-saw
qd check $child "$child_df"
assert_exit 0 "check child after rebuilding it"
assert_eq "Image is up to date" "$OUT" "child is up to date again"
assert_tmpdir_empty "builds"

e2e_done
