#include "qemu_docker/util/sha1.h"

#include "qemu_docker/util/error.h"
#include "qemu_docker/util/file_reading.h"

#include <array>
#include <fmt/format.h>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace qd {

void Sha1Digest::Free::operator()(EVP_MD_CTX* ctx) const {
    EVP_MD_CTX_free(ctx);
}

namespace {

// SHA-1 needs neither openssl.cnf nor its providers: skipping the config
// saves milliseconds on every command that hashes a dockerfile.
bool init_without_config() {
    return OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr) == 1;
}

} // namespace

Sha1Digest::Sha1Digest() : ctx_((init_without_config(), EVP_MD_CTX_new())) {
    if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha1(), nullptr) != 1)
        throw Error("cannot initialise a SHA-1 digest");
}

Sha1Digest::~Sha1Digest() = default;

void Sha1Digest::update(std::string_view bytes) {
    if (EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()) != 1)
        throw Error("cannot compute a SHA-1 digest");
}

std::string Sha1Digest::hex() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(ctx_.get(), md.data(), &len) != 1)
        throw Error("cannot compute a SHA-1 digest");
    std::string out;
    out.reserve(2 * len);
    for (unsigned int i = 0; i < len; ++i)
        fmt::format_to(std::back_inserter(out), "{:02x}", md[i]);
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
