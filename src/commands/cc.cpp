#include "qemu_docker/agent/agent_binary.h"
#include "qemu_docker/cli/subcommand.h"
#include "qemu_docker/engine/container_run.h"
#include "qemu_docker/engine/engine_argv.h"
#include "qemu_docker/engine/probe_cache.h"
#include "qemu_docker/image/image_name.h"
#include "qemu_docker/util/error.h"
#include "qemu_docker/util/file_identity.h"
#include "qemu_docker/util/trace.h"
#include "qemu_docker/warm/warm_cc.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>

namespace qd {
namespace {

std::string current_directory() {
    std::error_code ec;
    auto cwd = std::filesystem::current_path(ec);
    if (ec)
        throw Error(fmt::format("cannot get the current directory: {}", ec.message()));
    return cwd.string();
}

class CcCommand : public Subcommand {
  public:
    void define_options(CLI::App& app) override {
        app.add_option("--image,-i", image_, "The image to run the compiler in")->required();
        app.add_option("--cc", cc_, "The compiler to run")->capture_default_str();
        app.add_option("--source-path,-s", paths_,
                       "Paths to mount read-only in the container (for sources)");
    }

    int execute(const Invocation& inv) override {
        check_image_name("image", image_);
        auto reuse = reuse_seconds(std::getenv("QEMU_DOCKER_REUSE"));
        Engine engine = inv.find_engine();
        std::string cwd = current_directory();
        RunAsUser user = current_user_mapping(engine);
        if (reuse && !engine_runs_here(engine))
            trace("the engine runs on another machine, which cannot see the compile agent's socket "
                  "or markers: one run per compile");
        else if (reuse) {
            WarmCompile warm{warm_key(inv, engine, user, cwd, *reuse), cc_,
                             cc_compiler_args(inv.passthrough), inv.quiet};
            if (auto status = run_warm_compile(engine, warm))
                return *status;
        }
        auto args = cc_run_args(cwd, paths_, image_, cc_, inv.passthrough);
        return run_container(engine, {args, false, inv.quiet, user});
    }

  private:
    // What the probe cache keys the engine by: its key when the cache found
    // the engine (already computed), else computed now.
    static std::string engine_identity(const Invocation& inv, const Engine& engine) {
        if (auto key = engine.probe_cache_key())
            return *key;
        return probe_key(current_probe_inputs(inv.engine_choice));
    }

    // A directory removed and made again, or a checkout replaced, is
    // another key: the container's bind mounts would name the old one.
    WarmKey warm_key(const Invocation& inv, const Engine& engine, const RunAsUser& user,
                     const std::string& cwd, int seconds) const {
        std::vector<std::string> identities = {object_identity(cwd).value_or("")};
        for (const auto& path : paths_)
            identities.push_back(object_identity(path).value_or(""));
        WarmKey key{engine.prefix(),
                    image_,
                    user,
                    cc_mount_args(cwd, paths_),
                    seconds,
                    engine_identity(inv, engine),
                    identities,
                    {},
                    {}};
        const char* setting = std::getenv("QEMU_DOCKER_AGENT");
        bool agent_off = setting && std::string_view(setting) == "0";
        if (auto agent = agent_off ? std::nullopt : agent_binary()) {
            key.agent = agent->string();
            key.agent_identity = object_identity(*agent).value_or("");
        }
        return key;
    }

    std::string image_;
    std::string cc_ = "cc";
    std::vector<std::string> paths_;
};

} // namespace

std::unique_ptr<Subcommand> make_cc_command() {
    return std::make_unique<CcCommand>();
}

} // namespace qd
