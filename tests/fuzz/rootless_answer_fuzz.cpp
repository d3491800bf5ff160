// parse_rootless_answer on arbitrary `info` output, as podman's and as
// docker's: it never throws, and a host name it finds is a word of the text.

#include "fuzz_support.h"
#include "qemu_docker/engine/rootless.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using qd::fuzz::require;
    const std::string_view text = qd::fuzz::as_text(data, size);
    for (bool podman : {true, false}) {
        const auto answer = qd::parse_rootless_answer(podman, text);
        if (!answer)
            continue;
        require(answer->name.find_first_of(" \t\r\n") == std::string::npos,
                "a host name has no white space");
        require(text.find(answer->name) != std::string_view::npos, "the host name is in the text");
        require(!podman || text.find(answer->rootless ? "true" : "false") != std::string_view::npos,
                "podman's answer is in the text");
    }
    return 0;
}
