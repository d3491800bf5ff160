// parse_binfmt_entry and binfmt_entry_path on arbitrary text: they never
// throw, and each field is what the entry's text says.

#include "fuzz_support.h"
#include "qemu_docker/image/binfmt.h"
#include "qemu_docker/util/python_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using qd::fuzz::require;
    const std::string_view raw = qd::fuzz::as_text(data, size);
    const qd::BinfmtEntry entry = qd::parse_binfmt_entry(raw);
    const std::string text = qd::universal_newlines(raw);

    require(entry.enabled == (text == "enabled" || text.starts_with("enabled\n")),
            "enabled is the first line saying so");
    if (entry.interpreter) {
        require(!entry.interpreter->empty() && !qd::fuzz::has_python_space(*entry.interpreter),
                "the interpreter is one word");
        require(text.find("interpreter " + *entry.interpreter + "\n") != std::string::npos,
                "the interpreter follows \"interpreter \" and ends its line");
    }
    const bool has_flags_key = text.find("flags:") != std::string::npos;
    require(entry.flags.find('\n') == std::string::npos && !entry.flags.starts_with(' '),
            "the flags are the rest of one line, spaces stripped");
    require(entry.flags.empty() || text.find(entry.flags) != std::string::npos,
            "the flags come from the text");
    require(has_flags_key || (entry.flags.empty() && !entry.persistent), "no \"flags:\", no flags");
    require(!entry.persistent || text.find('F') != std::string::npos, "persistent needs an F");

    const std::string path = qd::binfmt_entry_path(raw).string();
    constexpr std::string_view dir = "/proc/sys/fs/binfmt_misc/";
    require(path.starts_with(dir) && path.find('/', dir.size()) == std::string::npos,
            "the entry path is a file right in binfmt_misc");
    return 0;
}
