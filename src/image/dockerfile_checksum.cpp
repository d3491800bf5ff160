#include "qemu_docker/image/dockerfile_checksum.h"

#include "qemu_docker/util/error.h"
#include "qemu_docker/util/file_reading.h"
#include "qemu_docker/util/python_text.h"
#include "qemu_docker/util/sha1.h"

#include <fmt/format.h>

namespace qd {

namespace {

constexpr std::string_view kFromPrefix = "FROM qemu/";

// Python recurses until RecursionError; a chain this deep can only be a cycle.
constexpr int kMaxDepth = 100;

bool is_blank(std::string_view line) {
    std::size_t pos = 0;
    while (pos < line.size()) {
        const std::size_t n = python_space_at(line, pos);
        if (n == 0)
            return false;
        pos += n;
    }
    return true;
}

void preprocess_into(std::string& out, std::string_view text, const ParentLoader& load_parent,
                     int depth) {
    if (depth > kMaxDepth)
        throw Error(fmt::format("\"{}\" parents nest more than {} deep (a cycle?)", kFromPrefix,
                                kMaxDepth));
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = start;
        std::size_t brk = 0;
        while (end < text.size() && (brk = python_line_break_at(text, end)) == 0)
            ++end;
        const std::string_view line = text.substr(start, end - start);
        start = end + brk;
        if (is_blank(line) || line.starts_with('#'))
            continue;
        if (!line.starts_with(kFromPrefix)) {
            out += line;
            out += '\n';
            continue;
        }
        const std::string name(line.substr(kFromPrefix.size()));
        std::string parent;
        try {
            if (name.find('\0') != std::string::npos)
                throw Error("the image name contains a NUL character");
            parent = load_parent(parent_dockerfile_stem(name));
        } catch (const Error& e) {
            throw Error(fmt::format("{} (needed by \"{}\")", e.what(), line), e.status());
        }
        preprocess_into(out, parent, load_parent, depth + 1);
    }
}

} // namespace

std::string decode_dockerfile_text(std::string_view bytes, const std::string& origin) {
    const std::size_t bad = find_invalid_utf8(bytes);
    if (bad != std::string_view::npos)
        throw Error(fmt::format("{} is not valid UTF-8: byte 0x{:02x} at offset {}", origin,
                                static_cast<unsigned char>(bytes[bad]), bad));
    return universal_newlines(bytes);
}

std::string read_dockerfile_text(const std::filesystem::path& path) {
    return decode_dockerfile_text(read_whole_file(path), path.string());
}

std::string parent_dockerfile_stem(const std::string& name) {
    if (name.starts_with("debian") && name.ends_with("user"))
        return "debian-bootstrap";
    return name;
}

std::string preprocess_dockerfile(std::string_view text, const ParentLoader& load_parent) {
    std::string out;
    preprocess_into(out, text, load_parent, 0);
    return out;
}

std::string dockerfile_checksum(std::string_view text, const ParentLoader& load_parent) {
    return sha1_hex(preprocess_dockerfile(text, load_parent));
}

ParentLoader parent_loader_for_directory(std::filesystem::path dir) {
    if (dir.empty())
        dir = ".";
    // As os.path.join: an absolute stem ("FROM qemu//x") replaces the directory.
    return [dir = std::move(dir)](const std::string& stem) {
        return read_dockerfile_text(dir / (stem + ".docker"));
    };
}

std::string dockerfile_checksum_of_file(const std::filesystem::path& path) {
    return dockerfile_checksum(read_dockerfile_text(path),
                               parent_loader_for_directory(path.parent_path()));
}

} // namespace qd
