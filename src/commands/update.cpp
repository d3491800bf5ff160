#include "qemu_docker/cli/subcommand.h"
#include "qemu_docker/commands/included_executable.h"
#include "qemu_docker/engine/buildkit.h"
#include "qemu_docker/engine/engine_argv.h"
#include "qemu_docker/image/image_name.h"
#include "qemu_docker/image/tar_stream.h"
#include "qemu_docker/util/current_user.h"
#include "qemu_docker/util/error.h"
#include "qemu_docker/util/unique_fd.h"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qd {
namespace {

namespace fs = std::filesystem;

// The tar in an anonymous file, read from its start: the build's stdin is a
// file, as docker.py's (a temporary one) is, and never a pipe that a
// stalled engine could leave us blocked on.
UniqueFd tar_file(const std::vector<TarMember>& members) {
    UniqueFd fd(::memfd_create("qemu-docker-update.tar", MFD_CLOEXEC));
    if (!fd.valid())
        throw Error(fmt::format("cannot make the build context: {}", std::strerror(errno)));
    write_tar(fd.get(), members);
    if (::lseek(fd.get(), 0, SEEK_SET) != 0)
        throw Error(fmt::format("cannot read the build context: {}", std::strerror(errno)));
    return fd;
}

// The engine shares the file's offset: where it stopped is what it read.
bool read_to_the_end(int fd) {
    struct stat st {};
    off_t offset = ::lseek(fd, 0, SEEK_CUR);
    return ::fstat(fd, &st) == 0 && offset >= st.st_size;
}

class UpdateCommand : public Subcommand {
  public:
    void define_options(CLI::App& app) override {
        app.add_option("tag", tag_, "The image to update")->required();
        app.add_option("--executable", executable_,
                       "An executable to add at its binfmt_misc interpreter path");
        app.add_flag("--add-current-user,-u", add_user_, "Add the current user to the image");
    }

    int execute(const Invocation& inv) override {
        check_image_name("tag", tag_);
        std::vector<TarMember> members;
        std::string dockerfile = fmt::format("FROM {}\n", tag_);
        if (!executable_.empty()) {
            if (!add_executable(members, *inv.runner))
                return 1;
            dockerfile += "ADD . /\n";
        }
        if (add_user_)
            dockerfile += "\n" + useradd_line(current_user());
        members.push_back({"Dockerfile", std::nullopt, dockerfile});

        Engine engine = inv.find_engine();
        enable_buildkit_if_possible(engine);
        SpawnRequest request;
        request.argv = build_from_stdin_argv(tag_);
        request.out = inv.quiet ? Output::Null : Output::Inherit;
        UniqueFd tar = tar_file(members);
        request.stdin_fd = tar.get();
        auto result = engine.run(std::move(request));
        if (!result.ok())
            throw Error(fmt::format("updating {} failed: the engine's build exited with status {}",
                                    tag_, result.status()));
        if (!read_to_the_end(tar.get()))
            throw Error(fmt::format("updating {} failed: the engine's build exited without "
                                    "reading all of the context",
                                    tag_));
        return 0;
    }

  private:
    // The executable (unless binfmt_misc is persistent) and its libraries.
    bool add_executable(std::vector<TarMember>& members, ProcessRunner& runner) const {
        std::error_code ec;
        if (!fs::is_regular_file(executable_, ec))
            throw Error(fmt::format("--executable {}: no such file", executable_));
        auto binfmt = check_binfmt(executable_);
        for (const auto& m : binfmt.messages)
            fmt::print("{}\n", m);
        if (!binfmt.enabled) {
            fmt::print("binfmt_misc not enabled, update disabled\n");
            return false;
        }
        if (binfmt.interpreter)
            members.push_back({archive_name(*binfmt.interpreter), executable_, {}});
        auto ldd = run_ldd(executable_, runner);
        report_ldd(ldd, executable_);
        for (const auto& lib : library_files(ldd.libraries.value_or(std::vector<std::string>{}))) {
            if (fs::is_regular_file(lib.source, ec))
                members.push_back({archive_name(lib.image_path), lib.source, {}});
            else
                fmt::print("Couldn't add {} to archive\n", lib.image_path);
        }
        return true;
    }

    std::string tag_;
    std::string executable_;
    bool add_user_ = false;
};

} // namespace

std::unique_ptr<Subcommand> make_update_command() {
    return std::make_unique<UpdateCommand>();
}

} // namespace qd
