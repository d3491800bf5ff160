// OpenSSL 3 deprecates SHA1_Init and friends in favour of EVP, but an EVP
// digest first builds the provider name map: about 3.5 million instructions,
// two thirds of a whole `check`.  The low-level calls run the same SHA-1
// code without it.
#define OPENSSL_API_COMPAT 0x10100000L

#include "qemu_docker/util/sha1.h"

#include "qemu_docker/util/error.h"
#include "qemu_docker/util/file_reading.h"

#include <array>
#include <fmt/format.h>
#include <memory>
#include <openssl/sha.h>

namespace qd {

Sha1Digest::Sha1Digest() : ctx_(std::make_unique<SHA_CTX>()) {
    if (SHA1_Init(ctx_.get()) != 1)
        throw Error("cannot initialise a SHA-1 digest");
}

Sha1Digest::~Sha1Digest() = default;

void Sha1Digest::update(std::string_view bytes) {
    if (SHA1_Update(ctx_.get(), bytes.data(), bytes.size()) != 1)
        throw Error("cannot compute a SHA-1 digest");
}

std::string Sha1Digest::hex() {
    std::array<unsigned char, SHA_DIGEST_LENGTH> md{};
    if (SHA1_Final(md.data(), ctx_.get()) != 1)
        throw Error("cannot compute a SHA-1 digest");
    std::string out;
    out.reserve(2 * md.size());
    for (unsigned char byte : md)
        fmt::format_to(std::back_inserter(out), "{:02x}", byte);
    return out;
}

std::string sha1_hex(std::string_view bytes) {
    Sha1Digest digest;
    digest.update(bytes);
    return digest.hex();
}

std::string file_sha1_hex(const std::filesystem::path& path) {
    Sha1Digest digest;
    for_each_file_chunk(path, [&](std::string_view chunk) { digest.update(chunk); });
    return digest.hex();
}

} // namespace qd
