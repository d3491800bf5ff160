#pragma once

// Reading a binfmt_misc entry (/proc/sys/fs/binfmt_misc/<name>) as
// docker.py's regexes read it; binfmt_decision.h judges it.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace qd {

// What docker.py reads of an entry (it does not look at "enabled").
struct BinfmtEntry {
    std::optional<std::string> interpreter; // docker.py's `interpreter (\S+)\n`
    bool persistent = false;                // docker.py's `flags:.*F.*\n` is found
};

// Parses an entry's text; "\r\n" and "\r" count as "\n", as Python's text mode reads them.
BinfmtEntry parse_binfmt_entry(std::string_view text);

// "/proc/sys/fs/binfmt_misc/" followed by the executable's os.path.basename().
std::filesystem::path binfmt_entry_path(std::string_view executable);

// The parsed entry at `entry_path`, or nullopt when there is none.  Throws Error if unreadable.
std::optional<BinfmtEntry> read_binfmt_entry(const std::filesystem::path& entry_path);

} // namespace qd
