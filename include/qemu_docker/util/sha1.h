#pragma once

// SHA-1 digests as lower-case hex, the form of the image labels that
// record a dockerfile's or an extra file's checksum.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct SHAstate_st;

namespace qd {

// A SHA-1 being computed over bytes given in pieces (e.g. while copying).
class Sha1Digest {
  public:
    Sha1Digest();
    ~Sha1Digest();
    Sha1Digest(const Sha1Digest&) = delete;
    Sha1Digest& operator=(const Sha1Digest&) = delete;
    void update(std::string_view bytes);
    // The digest of all bytes given, as 40 lower-case hex digits (once).
    std::string hex();

  private:
    std::unique_ptr<SHAstate_st> ctx_;
};

// The SHA-1 of `bytes`, as 40 lower-case hex digits.
std::string sha1_hex(std::string_view bytes);

// The SHA-1 of the file's contents, read in chunks.  Throws Error naming the file.
std::string file_sha1_hex(const std::filesystem::path& path);

} // namespace qd
