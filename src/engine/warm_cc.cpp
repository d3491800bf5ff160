#include "qemu_docker/engine/warm_cc.h"

#include "qemu_docker/util/file_lock.h"
#include "qemu_docker/util/private_file.h"
#include "qemu_docker/util/uuid.h"

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fmt/format.h>
#include <string_view>

namespace qd {

namespace {

void trace(const std::string& message) {
    const char* on = std::getenv("QEMU_DOCKER_TRACE");
    if (on && std::string_view(on) == "1")
        fmt::print(stderr, "qemu-docker: trace: {}\n", message);
}

WarmState inspect(const Engine& engine, const std::string& image, const std::string& name) {
    SpawnRequest request;
    request.argv = warm_inspect_argv(image, name);
    request.out = Output::Capture;
    request.err_null = true; // no container yet is an answer
    return parse_warm_inspect(engine.ask(std::move(request)).output);
}

bool quietly(const Engine& engine, std::vector<std::string> argv) {
    SpawnRequest request;
    request.argv = std::move(argv);
    request.out = Output::Null;
    request.err_capture = true;
    return engine.ask(std::move(request)).ok();
}

// Makes sure a container for KEY runs IMAGE_ID; false if none can.
bool start_container(const Engine& engine, const WarmKey& key, const std::string& hash,
                     const std::string& name) {
    auto dir = user_state_directory();
    if (!dir) {
        trace("no private state directory for the lock");
        return false;
    }
    FileLock lock(*dir / ("cc-" + hash + ".lock"));
    if (!lock.held())
        return false;
    WarmState state = inspect(engine, key.image, name); // another compile may have started it
    if (state.image_id.empty())
        return false;
    if (state.container_image == state.image_id)
        return true;
    // An older image's container: compiles in it finish; it ends by itself.
    if (state.container_image)
        quietly(engine, {"rename", name, name + "-" + random_uuid_hex().substr(0, 12)});
    if (!quietly(engine, warm_run_argv(key, name, random_uuid_hex(), hash, state.image_id))) {
        trace(fmt::format("{} cannot keep a container warm; one run per compile", key.image));
        return false;
    }
    trace(fmt::format("started {} for {}", name, key.image));
    return true;
}

// Ends the compile after SIGNO: inside the container, then its client.
int interrupt(const Engine& engine, ChildProcess& client, const std::string& name,
              const std::string& uuid, int signo) {
    SpawnRequest kill;
    kill.argv = warm_kill_argv(name, uuid, signo);
    kill.out = Output::Null;
    kill.err_null = true;
    kill.interruptible = false;
    engine.ask(std::move(kill));
    client.send(signo);
    if (!client.wait(std::chrono::seconds(10)).exited) {
        client.send(SIGKILL);
        while (!client.wait().exited) {
        }
    }
    return 128 + signo;
}

} // namespace

std::optional<int> run_warm_compile(const Engine& engine, const WarmCompile& compile) {
    std::string hash = warm_key_hash(compile.key);
    std::string name = warm_container_name(hash);
    WarmState state = inspect(engine, compile.key.image, name);
    if (state.image_id.empty())
        return std::nullopt; // the plain run reports it as the engine words it
    if (state.container_image != state.image_id &&
        !start_container(engine, compile.key, hash, name))
        return std::nullopt;
    std::string uuid = random_uuid_hex();
    SpawnRequest request;
    request.argv = warm_exec_argv(name, uuid, compile.cc, compile.args);
    request.out = compile.quiet ? Output::Null : Output::Inherit;
    auto client = engine.start(std::move(request));
    for (;;) {
        auto event = client->wait();
        if (event.exited)
            break;
        if (event.signal)
            return interrupt(engine, *client, name, uuid, event.signal);
    }
    engine.saw(client->result());
    return client->result().status();
}

} // namespace qd
