#include "qemu_docker/image/image_name.h"

#include "qemu_docker/util/error.h"

#include <fmt/format.h>

namespace qd {

bool contains_control_character(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
        if (c < 0x20 || c == 0x7f || (c == 0xc2 && next >= 0x80 && next <= 0x9f))
            return true;
    }
    return false;
}

void check_image_name(std::string_view what, const std::string& name) {
    if (contains_control_character(name))
        throw Error(fmt::format("{} {:?} contains a control character", what, name));
}

} // namespace qd
