#include "qemu_docker/image/binfmt.h"

#include "qemu_docker/util/file_reading.h"
#include "qemu_docker/util/python_text.h"

namespace qd {

namespace {

// `flags:.*F.*\n`: some "flags:" whose rest of line holds an F and ends in "\n".
bool persistent_flag(std::string_view text) {
    for (std::size_t at = text.find("flags:"); at != std::string_view::npos;
         at = text.find("flags:", at + 1)) {
        const std::size_t nl = text.find('\n', at);
        if (nl == std::string_view::npos)
            return false;
        if (text.substr(at, nl - at).find('F') != std::string_view::npos)
            return true;
    }
    return false;
}

// `interpreter (\S+)\n`: the first "interpreter " followed by a word that ends at a "\n".
std::optional<std::string> interpreter(std::string_view text) {
    constexpr std::string_view key = "interpreter ";
    for (std::size_t at = text.find(key); at != std::string_view::npos;
         at = text.find(key, at + 1)) {
        const std::size_t start = at + key.size();
        std::size_t end = start;
        while (end < text.size() && python_space_at(text, end) == 0)
            ++end;
        if (end > start && end < text.size() && text[end] == '\n')
            return std::string(text.substr(start, end - start));
    }
    return std::nullopt;
}

} // namespace

BinfmtEntry parse_binfmt_entry(std::string_view raw) {
    const std::string text = universal_newlines(raw);
    BinfmtEntry entry;
    entry.interpreter = interpreter(text);
    entry.persistent = persistent_flag(text);
    return entry;
}

std::filesystem::path binfmt_entry_path(std::string_view executable) {
    const std::size_t slash = executable.rfind('/');
    const std::string_view base =
        slash == std::string_view::npos ? executable : executable.substr(slash + 1);
    return std::filesystem::path("/proc/sys/fs/binfmt_misc") / std::string(base);
}

std::optional<BinfmtEntry> read_binfmt_entry(const std::filesystem::path& entry_path) {
    std::error_code ec;
    if (!std::filesystem::exists(entry_path, ec))
        return std::nullopt;
    return parse_binfmt_entry(read_whole_file(entry_path));
}

} // namespace qd
