#pragma once

// Small files only this user can have written: a directory 0700 and files
// 0600, both owned by the effective user, written whole (write, then
// rename) so that a reader never sees half of one.  Anything else is
// treated as absent; no function here reports an error.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace qd {

// DIR, made 0700 if missing (unless MAKE is false); nullopt unless it is a
// directory (not a symlink) owned by us that no one else may write to or read.
std::optional<std::filesystem::path> private_directory(const std::filesystem::path& dir,
                                                       bool make = true);

// The file's contents if it is a regular file owned by us that neither
// group nor others may write to.
std::optional<std::string> read_private_file(const std::filesystem::path& path);

// Replaces PATH (in a private directory) with TEXT; false if it could not.
bool write_private_file(const std::filesystem::path& path, std::string_view text);

// $HOME, else the effective user's passwd entry; empty if neither says.
std::filesystem::path home_directory();

// This user's directory for qemu-docker's own state: $XDG_RUNTIME_DIR/
// qemu-docker when XDG_RUNTIME_DIR is a private directory of ours, else
// ~/.cache/qemu-docker in a home of ours ($HOME if the effective user owns
// it, else the passwd entry's); nullopt when neither can be private, or
// (MAKE false) when it is not there yet.
std::optional<std::filesystem::path> user_state_directory(bool make = true);

// Removes PATH if it is there.
void remove_private_file(const std::filesystem::path& path);

} // namespace qd
