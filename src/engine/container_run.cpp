#include "qemu_docker/engine/container_run.h"

#include "qemu_docker/engine/engine_argv.h"
#include "qemu_docker/util/error.h"
#include "qemu_docker/util/uuid.h"

#include <cstdlib>
#include <fmt/format.h>
#include <sstream>
#include <unistd.h>

namespace qd {

void remove_instances(const Engine& engine, const std::optional<std::string>& uuid, bool all) {
    std::string filter = instance_filter(uuid);
    fmt::print("filter={}\n", filter);
    auto listed = engine.capture(ps_argv(filter, all));
    if (!listed.ok())
        throw Error(fmt::format("listing containers failed (exit status {})", listed.status()));
    std::istringstream ids(listed.output);
    for (std::string id; ids >> id;)
        engine.run(rm_argv(id, engine.kind() == EngineKind::Podman), true);
}

int run_container(const Engine& engine, const ContainerRun& run) {
    std::string uuid = random_uuid_hex();
    std::optional<RunAsUser> user;
    if (run.as_current_user) {
        bool keep_id = engine.kind() == EngineKind::Podman &&
                       podman_is_rootless(geteuid(), std::getenv("CONTAINER_HOST"));
        user = RunAsUser{getuid(), keep_id};
    }
    SpawnRequest request;
    request.argv = run_argv(uuid, user, run.args);
    request.out = run.quiet ? Output::Null : Output::Inherit;
    if (!run.keep) {
        request.on_signal = [&](int) {
            try {
                remove_instances(engine, uuid, false);
            } catch (const Error& e) {
                fmt::print(stderr, "qemu-docker: error: {}\n", e.what());
            }
        };
    }
    auto result = engine.run(std::move(request));
    if (result.interrupted_by)
        return 128 + result.interrupted_by;
    if (!result.ok() && !run.keep)
        remove_instances(engine, uuid, false); // as docker.py does on failure
    return result.status();
}

} // namespace qd
