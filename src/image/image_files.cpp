#include "qemu_docker/image/image_files.h"

#include "qemu_docker/util/sha1.h"

#include <filesystem>
#include <fmt/format.h>

namespace qd {

namespace fs = std::filesystem;

namespace {

std::string real_path(const std::string& path) {
    // os.path.realpath: resolves what exists, keeps the rest, never fails
    std::error_code ec;
    auto resolved = fs::weakly_canonical(fs::absolute(path), ec);
    return ec ? fs::absolute(path).lexically_normal().string() : resolved.string();
}

} // namespace

ImageFile executable_file(const std::string& executable, const std::string& interpreter) {
    return {executable, join_image_path(fs::path(interpreter).parent_path().string(),
                                        fs::path(executable).filename().string())};
}

std::vector<ImageFile> library_files(const std::vector<std::string>& libraries) {
    std::vector<ImageFile> files;
    for (const auto& lib : libraries) {
        fs::path p(lib);
        files.push_back(
            {real_path(lib), join_image_path(p.parent_path().string(), p.filename().string())});
    }
    return files;
}

std::string join_image_path(const std::string& dir, const std::string& name) {
    return dir + "/" + name;
}

std::string image_files_checksum(const std::vector<ImageFile>& files) {
    std::string manifest;
    for (const auto& f : files) {
        std::error_code ec;
        if (fs::is_regular_file(f.source, ec))
            manifest += fmt::format("{} {}\n", f.image_path, file_sha1_hex(f.source));
    }
    return sha1_hex(manifest);
}

} // namespace qd
