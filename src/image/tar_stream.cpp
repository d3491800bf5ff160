#include "qemu_docker/image/tar_stream.h"

#include "qemu_docker/util/error.h"
#include "qemu_docker/util/file_reading.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <memory>
#include <sys/stat.h>

namespace qd {
namespace {

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_write_free)>;
using EntryPtr = std::unique_ptr<archive_entry, decltype(&archive_entry_free)>;

[[noreturn]] void fail(archive* a, const std::string& what) {
    throw Error(fmt::format("writing the build context ({}): {}", what,
                            archive_error_string(a) ? archive_error_string(a) : "unknown error"));
}

void write_data(archive* a, const char* data, size_t size, const std::string& name) {
    if (size && archive_write_data(a, data, size) != static_cast<la_ssize_t>(size))
        fail(a, name);
}

void add_text(archive* a, const TarMember& m) {
    EntryPtr entry(archive_entry_new(), archive_entry_free);
    archive_entry_set_pathname(entry.get(), m.name.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(m.content.size()));
    if (archive_write_header(a, entry.get()) != ARCHIVE_OK)
        fail(a, m.name);
    write_data(a, m.content.data(), m.content.size(), m.name);
}

void add_file(archive* a, const TarMember& m) {
    UniqueFd fd = open_for_reading(*m.source);
    struct stat st;
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode))
        throw Error(fmt::format("{} is not a regular file", *m.source));
    EntryPtr entry(archive_entry_new(), archive_entry_free);
    archive_entry_copy_stat(entry.get(), &st);
    archive_entry_set_pathname(entry.get(), m.name.c_str());
    if (archive_write_header(a, entry.get()) != ARCHIVE_OK)
        fail(a, m.name);
    for_each_chunk(fd.get(), *m.source, [&](std::string_view chunk) {
        write_data(a, chunk.data(), chunk.size(), m.name);
    });
}

} // namespace

std::string archive_name(std::string_view image_path) {
    auto start = image_path.find_first_not_of('/');
    if (start == std::string_view::npos)
        throw Error(fmt::format("cannot put a file at '{}' in the image", image_path));
    return std::string(image_path.substr(start));
}

void write_tar(int fd, const std::vector<TarMember>& members) {
    ArchivePtr a(archive_write_new(), archive_write_free);
    if (archive_write_set_format_pax_restricted(a.get()) != ARCHIVE_OK ||
        archive_write_open_fd(a.get(), fd) != ARCHIVE_OK)
        fail(a.get(), "opening");
    for (const auto& m : members) {
        if (m.source)
            add_file(a.get(), m);
        else
            add_text(a.get(), m);
    }
    if (archive_write_close(a.get()) != ARCHIVE_OK)
        fail(a.get(), "closing");
}

} // namespace qd
