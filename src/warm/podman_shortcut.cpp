#include "qemu_docker/warm/podman_shortcut.h"

#include "qemu_docker/util/private_file.h"
#include "qemu_docker/warm/warm_container.h"

#include <charconv>
#include <cstdlib>
#include <fstream>

namespace qd {

namespace fs = std::filesystem;

namespace {

std::optional<unsigned long long> start_time_of(long pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat;
    if (!std::getline(in, stat))
        return std::nullopt;
    return process_start_time(stat);
}

} // namespace

bool is_local_podman(const Engine& engine) {
    return engine.is_podman() && !std::getenv("CONTAINER_HOST") &&
           !std::getenv("CONTAINER_CONNECTION");
}

std::string engine_answer(const Engine& engine, std::vector<std::string> argv) {
    SpawnRequest request;
    request.argv = std::move(argv);
    request.out = Output::Capture;
    request.err_capture = true;
    auto result = engine.ask(std::move(request));
    std::string out = result.ok() ? result.output : "";
    while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
        out.pop_back();
    return out;
}

bool podman_shortcut_holds(const fs::path& file) {
    auto text = read_private_file(file);
    auto shortcut = text ? read_shortcut_record(*text) : std::nullopt;
    return shortcut && file_identity(shortcut->images_file.path) == shortcut->images_file &&
           start_time_of(shortcut->pid) == shortcut->pid_start;
}

std::optional<FileIdentity> podman_image_store(const Engine& engine) {
    return file_identity(engine_answer(
        engine, {"info", "--format",
                 "{{.Store.GraphRoot}}/{{.Store.GraphDriverName}}-images/images.json"}));
}

void save_podman_shortcut(const Engine& engine, const fs::path& file, const std::string& name,
                          const FileIdentity& store) {
    PodmanShortcut shortcut{store, 0, 0};
    std::string pid = engine_answer(engine, {"inspect", "--format", "{{.State.Pid}}", name});
    auto [end, ec] = std::from_chars(pid.data(), pid.data() + pid.size(), shortcut.pid);
    auto start = ec == std::errc() ? start_time_of(shortcut.pid) : std::nullopt;
    if (!start || shortcut.pid <= 1)
        return remove_private_file(file);
    shortcut.pid_start = *start;
    write_private_file(file, shortcut_record(shortcut));
}

} // namespace qd
