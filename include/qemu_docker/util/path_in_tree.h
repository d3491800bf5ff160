#pragma once

// Finding a path inside a directory tree as if the tree were the whole file
// system, as a chroot, or the image built from the tree, sees it: symlinks
// are followed, but an absolute target starts again at the tree's top and
// ".." stops there, so nothing outside the tree is ever reached.  Each step
// is taken from an open directory without following a symlink by accident
// (O_NOFOLLOW), so a symlink swapped in meanwhile cannot lead out either.

#include "qemu_docker/util/unique_fd.h"

#include <optional>
#include <string>

namespace qd {

struct PlaceInTree {
    UniqueFd directory; // the directory the path's last name is in
    std::string name;   // that name: absent there, or anything but a symlink
};

// Walks PATH ("/"-separated, taken from the tree's top) from TREE, an open
// directory, making the directories PATH names that are missing (mode 0755,
// less the umask).  As mkdir -p, it makes none that only a symlink's target
// names: nullopt when such a one is missing.  Throws Error naming PATH and
// the step that failed, also for a PATH that names a directory, or one with
// more than 40 symlinks on the way.
std::optional<PlaceInTree> place_in_tree(int tree, const std::string& path);

} // namespace qd
