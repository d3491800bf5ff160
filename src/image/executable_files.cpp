#include "qemu_docker/image/executable_files.h"

#include "qemu_docker/image/ldd.h"
#include "qemu_docker/util/error.h"
#include "qemu_docker/util/sha1.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <memory>

namespace qd {

namespace fs = std::filesystem;

BinfmtDecision decide_binfmt(const std::string& executable,
                             const std::optional<BinfmtEntry>& entry) {
    std::string name = fs::path(executable).filename().string();
    BinfmtDecision d;
    if (!entry) {
        d.messages.push_back(fmt::format("No binfmt_misc entry for {}", name));
        return d;
    }
    d.enabled = true;
    if (entry->persistent) {
        d.messages.push_back(
            fmt::format("binfmt_misc for {} uses persistent(F) mapping to host binary", name));
        return d;
    }
    if (!entry->interpreter)
        throw Error(fmt::format("binfmt_misc entry for {} names no interpreter", name));
    d.interpreter = entry->interpreter;
    if (*entry->interpreter != executable)
        d.messages.push_back(fmt::format("binfmt_misc for {} does not point to {}, using {}", name,
                                         executable, *entry->interpreter));
    return d;
}

BinfmtDecision check_binfmt(const std::string& executable) {
    return decide_binfmt(executable, read_binfmt_entry(binfmt_entry_path(executable)));
}

LddResult ldd_libraries(const std::string& executable, ProcessRunner& runner) {
    SpawnRequest request;
    request.argv = {"ldd", executable};
    request.out = Output::Capture;
    request.err_capture = true;
    auto result = runner.run(request);
    if (!result.started)
        throw Error(fmt::format("cannot run ldd: {}", result.spawn_error));
    if (!result.ok())
        return {std::nullopt, std::move(result.errors)};
    return {parse_ldd_output(result.output), std::move(result.errors)};
}

void report_ldd(const LddResult& ldd, const std::string& executable) {
    std::fflush(stdout);
    fmt::print(stderr, "{}", ldd.errors);
    if (!ldd.libraries)
        fmt::print("{} had no associated libraries (static build?)\n", executable);
}

std::string join_image_path(const std::string& dir, const std::string& name) {
    return dir + "/" + name;
}

namespace {

std::string real_path(const std::string& path) {
    // os.path.realpath: resolves what exists, keeps the rest, never fails
    std::error_code ec;
    auto resolved = fs::weakly_canonical(fs::absolute(path), ec);
    return ec ? fs::absolute(path).lexically_normal().string() : resolved.string();
}

} // namespace

std::vector<ImageFile> library_files(const std::vector<std::string>& libraries) {
    std::vector<ImageFile> files;
    for (const auto& lib : libraries) {
        fs::path p(lib);
        files.push_back(
            {real_path(lib), join_image_path(p.parent_path().string(), p.filename().string())});
    }
    return files;
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
