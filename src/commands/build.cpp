#include "qemu_docker/cli/subcommand.h"
#include "qemu_docker/commands/included_executable.h"
#include "qemu_docker/engine/buildkit.h"
#include "qemu_docker/engine/engine_argv.h"
#include "qemu_docker/engine/image_info.h"
#include "qemu_docker/engine/signals.h"
#include "qemu_docker/image/build_context.h"
#include "qemu_docker/image/dockerfile_checksum.h"
#include "qemu_docker/image/generated_dockerfile.h"
#include "qemu_docker/image/image_name.h"
#include "qemu_docker/util/current_user.h"
#include "qemu_docker/util/environment.h"
#include "qemu_docker/util/error.h"
#include "qemu_docker/util/sha1.h"
#include "qemu_docker/util/temporary_directory.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>

namespace qd {
namespace {

namespace fs = std::filesystem;

// Copies SOURCE to DIR/NAME in the context ROOT, or says why not, as docker.py does.
// Returns whether it copied.
bool copy_or_say(const std::string& source, const fs::path& root, const std::string& dir,
                 const std::string& name, const ChunkSink& also = nullptr) {
    if (copy_into_context(source, root, dir, name, also))
        return true;
    fmt::print("Couldn't copy {} to {}\n", source, context_destination(root, dir, name));
    return false;
}

void copy_image_file(const ImageFile& file, const fs::path& root) {
    fs::path in_image(file.image_path);
    copy_or_say(file.source, root, in_image.parent_path().string(), in_image.filename().string());
}

// docker.py passes the proxy variables whose lower-cased name it knows.
std::vector<std::string> proxy_build_args() {
    std::vector<std::string> args;
    for (const auto& variable : environment_variables()) {
        std::string name(variable.name);
        std::ranges::transform(name, name.begin(), [](unsigned char c) { return std::tolower(c); });
        if (variable.entry.size() > variable.name.size() &&
            (name == "ftp_proxy" || name == "http_proxy" || name == "https_proxy"))
            args.push_back(fmt::format("--build-arg={}={}", name, variable.value));
    }
    return args;
}

class BuildCommand : public Subcommand {
  public:
    void define_options(CLI::App& app) override {
        app.add_option("--include-executable,-e", executable_,
                       "An executable to copy into the image with the libraries it needs");
        app.add_flag("--skip-binfmt", skip_binfmt_, "Don't check the binfmt_misc entry");
        app.add_option("--extra-files", extra_files_, "Files to copy into the build context");
        app.add_flag("--add-current-user,-u", add_user_, "Add the current user to the image");
        app.add_option("--registry,-r", registry_, "A registry to pull parents and cache from");
        app.add_option("-t", tag_, "The image's tag");
        app.add_option("-f", dockerfile_, "The dockerfile");
    }

    int execute(const Invocation& inv) override {
        check_arguments();
        std::string text = read_dockerfile_text(dockerfile_);
        fs::path dir = fs::path(dockerfile_).parent_path();
        ImageLabels labels;
        labels.dockerfile_checksum =
            dockerfile_checksum(text, parent_loader_for_directory(dir.empty() ? "." : dir));
        Engine engine = inv.find_engine();
        auto plan = plan_executable(*inv.runner);
        if (plan)
            labels.executable_checksum = plan->checksum;
        bool no_cache = std::ranges::count(inv.passthrough, "--no-cache") > 0;
        if (!no_cache && up_to_date(engine, labels)) {
            if (!inv.quiet)
                fmt::print("Image is up to date.\n");
            return 0;
        }
        throw_if_interrupted();
        TemporaryDirectory context("docker_build");
        if (plan && !skip_binfmt_) {
            for (const auto& m : plan->binfmt.messages)
                fmt::print("{}\n", m);
            if (!plan->binfmt.enabled)
                return 1;
        }
        if (auto status = run_pre_script(context.path(), inv))
            return *status;
        throw_if_interrupted();
        if (plan)
            copy_executable(*plan, context.path());
        throw_if_interrupted();
        labels.extra_files = copy_extra_files(context.path());
        build_image(engine, inv, text, labels, context.path());
        return 0;
    }

  private:
    void check_arguments() const {
        if (tag_.empty())
            throw Error("build needs the image's tag: -t TAG");
        if (dockerfile_.empty())
            throw Error("build needs a dockerfile: -f DOCKERFILE");
        check_image_name("tag", tag_);
        check_image_name("registry", registry_);
        std::error_code ec;
        for (const auto& f : extra_files_) {
            check_label_file_name(f);
            if (!fs::is_regular_file(f, ec))
                throw Error(fmt::format("--extra-files {}: no such file", f));
        }
        if (!executable_.empty() && !fs::is_regular_file(executable_, ec))
            throw Error(fmt::format("--include-executable {}: no such file", executable_));
    }

    std::optional<IncludedExecutable> plan_executable(ProcessRunner& runner) const {
        if (executable_.empty())
            return std::nullopt;
        return plan_included_executable(executable_, skip_binfmt_, runner);
    }

    bool up_to_date(const Engine& engine, const ImageLabels& labels) const {
        auto info = inspect_image(engine, tag_);
        return info && labels_match(*info, labels);
    }

    // The .pre script beside the dockerfile, run in the build context.
    // Returns the exit status to end with, if it says to stop.
    std::optional<int> run_pre_script(const fs::path& context, const Invocation& inv) const {
        fs::path pre = fs::path(dockerfile_).replace_extension(".pre");
        std::error_code ec;
        if (!fs::exists(pre, ec))
            return std::nullopt;
        SpawnRequest request;
        request.argv = {fs::canonical(pre).string()};
        request.cwd = context.string();
        request.out = inv.quiet ? Output::Null : Output::Inherit;
        auto result = inv.runner->run(request);
        if (!result.started)
            throw Error(fmt::format("cannot run {}: {}", pre.string(), result.spawn_error));
        int code = result.signal ? -result.signal : result.exit_code;
        if (code == 3) {
            fmt::print("Skip\n");
            return 0;
        }
        if (code != 0) {
            fmt::print("{} exited with code {}\n", pre.string(), code);
            return 1;
        }
        return std::nullopt;
    }

    void copy_executable(const IncludedExecutable& plan, const fs::path& context) const {
        if (plan.executable)
            copy_image_file(*plan.executable, context);
        else
            fmt::print("only copying support libraries for {}\n", executable_);
        // ldd ran before the up-to-date check; say now what it said then
        report_ldd(plan.ldd, executable_);
        for (const auto& lib : plan.libraries)
            copy_image_file(lib, context);
    }

    std::vector<std::pair<std::string, std::string>>
    copy_extra_files(const fs::path& context) const {
        std::vector<std::pair<std::string, std::string>> sums;
        for (const auto& f : extra_files_) {
            Sha1Digest digest; // in the same read as the copy
            auto hash = [&](std::string_view chunk) { digest.update(chunk); };
            bool copied = copy_or_say(f, context, ".", fs::path(f).filename().string(), hash);
            sums.emplace_back(f, copied ? digest.hex() : file_sha1_hex(f));
        }
        return sums;
    }

    void build_image(Engine& engine, const Invocation& inv, std::string text,
                     const ImageLabels& labels, const fs::path& context) const {
        std::vector<std::string> args = inv.passthrough;
        for (auto& a : proxy_build_args())
            args.push_back(std::move(a));
        bool buildkit = enable_buildkit_if_possible(engine);
        std::optional<std::string> cache_from;
        if (!registry_.empty() && parents_pulled(engine, text, inv.quiet)) {
            text = with_registry(std::move(text), registry_);
            cache_from = registry_ + "/" + tag_;
        }
        std::optional<std::string> useradd;
        if (add_user_)
            useradd = useradd_line(current_user());
        fs::path dockerfile =
            write_context_dockerfile(context, generated_dockerfile(text, useradd, labels));
        if (cache_from)
            engine.run(pull_argv(*cache_from), inv.quiet);
        SpawnRequest request;
        request.argv =
            build_argv(tag_, dockerfile.string(), buildkit, cache_from, args, context.string());
        request.out = inv.quiet ? Output::Null : Output::Inherit;
        auto result = engine.run(std::move(request));
        if (!result.ok())
            throw Error(fmt::format("building {} failed: the engine's build exited with status {}",
                                    tag_, result.status()));
    }

    // Pulls REGISTRY/qemu/PARENT for every FROM qemu/ parent; all must work.
    bool parents_pulled(const Engine& engine, const std::string& text, bool quiet) const {
        for (const auto& parent : qemu_parent_references(text))
            if (!engine.run(pull_argv(fmt::format("{}/qemu/{}", registry_, parent)), quiet).ok())
                return false;
        return true;
    }

    std::string executable_;
    bool skip_binfmt_ = false;
    std::vector<std::string> extra_files_;
    bool add_user_ = false;
    std::string registry_;
    std::string tag_;
    std::string dockerfile_;
};

} // namespace

std::unique_ptr<Subcommand> make_build_command() {
    return std::make_unique<BuildCommand>();
}

} // namespace qd
