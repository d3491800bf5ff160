#include "qemu_docker/util/uuid.h"

#include "qemu_docker/util/error.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <sys/random.h>

namespace qd {

std::string random_uuid_hex() {
    std::array<unsigned char, 16> bytes;
    size_t got = 0;
    while (got < bytes.size()) {
        ssize_t n = getrandom(bytes.data() + got, bytes.size() - got, 0);
        if (n < 0 && errno != EINTR)
            throw Error(fmt::format("getrandom: {}", std::strerror(errno)));
        if (n > 0)
            got += static_cast<size_t>(n);
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    std::string hex;
    for (unsigned char b : bytes)
        hex += fmt::format("{:02x}", b);
    return hex;
}

} // namespace qd
