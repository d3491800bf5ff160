#include "qemu_docker/image/build_context.h"

#include "qemu_docker/util/error.h"
#include "qemu_docker/util/file_writing.h"
#include "qemu_docker/util/unique_fd.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>

namespace qd {

namespace fs = std::filesystem;

std::string context_destination(const fs::path& root, const std::string& dir,
                                const std::string& name) {
    std::string joined = fs::path(root.string() + "/" + dir).lexically_normal().string();
    while (joined.size() > 1 && joined.back() == '/')
        joined.pop_back();
    return joined + "/" + name;
}

bool copy_into_context(const std::string& source, const fs::path& root, const std::string& dir,
                       const std::string& name) {
    std::string dest = context_destination(root, dir, name);
    std::error_code ec;
    fs::create_directories(fs::path(dest).parent_path(), ec);
    if (!fs::exists(source, ec))
        return false;
    fs::copy_file(source, dest, fs::copy_options::overwrite_existing, ec);
    if (ec)
        throw Error(fmt::format("cannot copy {} to {}: {}", source, dest, ec.message()));
    return true;
}

fs::path write_context_dockerfile(const fs::path& root, const std::string& text) {
    std::string name = (root / "tmpXXXXXXXX.docker").string();
    UniqueFd fd(::mkostemps(name.data(), 7, O_CLOEXEC));
    if (!fd.valid())
        throw Error(fmt::format("cannot write {}: {}", name, std::strerror(errno)));
    write_all(fd.get(), text, name);
    return name;
}

} // namespace qd
