// docker_client_major_version on arbitrary `docker version` output: it never
// throws, and a version it finds is a number written in the text.

#include "fuzz_support.h"
#include "qemu_docker/engine/buildkit.h"

#include <fmt/format.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using qd::fuzz::require;
    const std::string_view text = qd::fuzz::as_text(data, size);
    const auto major = qd::docker_client_major_version(text);
    if (!major)
        return 0;
    require(text.find("Client") != std::string_view::npos &&
                text.find("Version:") != std::string_view::npos,
            "a version needs a Client section and a Version: line");
    require(*major >= 0 && text.find(fmt::format("{}", *major)) != std::string_view::npos,
            "the major version is a number in the text");
    return 0;
}
