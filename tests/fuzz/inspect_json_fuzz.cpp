// parse_inspect_output on arbitrary text: only qd::Error is thrown, and what
// it reads, written back as inspect output, reads back the same.

#include "fuzz_support.h"
#include "qemu_docker/engine/image_info.h"
#include "qemu_docker/util/error.h"

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using qd::fuzz::require;
    const std::string_view text = qd::fuzz::as_text(data, size);
    qd::ImageInfo info;
    try {
        info = qd::parse_inspect_output(text, "qemu/fuzz");
    } catch (const qd::Error&) {
        return 0;
    }
    nlohmann::json image;
    image["Created"] = info.created;
    image["Config"]["Labels"] = info.labels;
    // dump() throws on invalid UTF-8, which the parser must not have let through.
    const std::string written = nlohmann::json::array({image}).dump();
    const qd::ImageInfo again = qd::parse_inspect_output(written, "qemu/fuzz");
    require(again.created == info.created && again.labels == info.labels,
            "what was read reads back the same");
    require(info.label(qd::kDockerfileChecksumLabel) ==
                (info.labels.contains(qd::kDockerfileChecksumLabel)
                     ? info.labels.at(qd::kDockerfileChecksumLabel)
                     : ""),
            "label() is the label's value or \"\"");
    return 0;
}
