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

    if (entry.interpreter) {
        require(!entry.interpreter->empty() && !qd::fuzz::has_python_space(*entry.interpreter),
                "the interpreter is one word");
        require(text.find("interpreter " + *entry.interpreter + "\n") != std::string::npos,
                "the interpreter follows \"interpreter \" and ends its line");
    }
    // docker.py's re.search(r"flags:.*F.*\n"): '.' stops at a newline.
    bool flags_with_f = false;
    for (auto at = text.find("flags:"); at != std::string::npos; at = text.find("flags:", at + 1)) {
        auto end = text.find('\n', at);
        flags_with_f = flags_with_f || (end != std::string::npos &&
                                        text.substr(at, end - at).find('F') != std::string::npos);
    }
    require(entry.persistent == flags_with_f, "persistent is a flags line with an F");

    const std::string path = qd::binfmt_entry_path(raw).string();
    constexpr std::string_view dir = "/proc/sys/fs/binfmt_misc/";
    require(path.starts_with(dir) && path.find('/', dir.size()) == std::string::npos,
            "the entry path is a file right in binfmt_misc");
    return 0;
}
