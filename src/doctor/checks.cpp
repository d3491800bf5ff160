#include "qemu_docker/doctor/checks.h"

#include "qemu_docker/engine/rootless.h"
#include "qemu_docker/util/error.h"
#include "qemu_docker/warm/warm_container.h"

#include <charconv>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace qd {

std::string_view level_name(Level level) {
    switch (level) {
    case Level::Ok:
        return "ok";
    case Level::Warn:
        return "warn";
    case Level::Fail:
        return "fail";
    }
    return "fail";
}

namespace {

// Why ANSWER did not work, in one line.
std::string what_went_wrong(const Answer& answer) {
    if (answer.timed_out)
        return fmt::format("no answer in {} s (ended)", answer.seconds);
    return failure_line(answer.result);
}

bool worked(const Answer& answer) {
    return !answer.timed_out && answer.result.ok();
}

std::optional<std::uint64_t> number(std::string_view text) {
    std::uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

std::string program_of(const std::string& command) {
    return command.starts_with("sudo ") ? "docker" : command.substr(0, command.find(' '));
}

constexpr std::uint64_t kGiB = 1024ull * 1024 * 1024;
// Enough ids for the users images have (nobody is 65534).
constexpr std::uint64_t kWantedIds = 65536;

} // namespace

Finding program_finding(const std::string& command, const std::string& program,
                        const std::optional<std::string>& path) {
    if (path)
        return {Level::Ok, command, fmt::format("{} is {}", program, *path), ""};
    return {Level::Fail, command, fmt::format("no {} on PATH", program),
            fmt::format("install it (apt-get install {}), or use the other engine",
                        program == "podman" ? "podman"
                        : program == "sudo" ? "sudo"
                                            : "docker.io")};
}

Finding version_finding(const std::string& command, const Answer& answer, const std::string& user) {
    std::string check = command + " version";
    if (worked(answer)) {
        std::string version = version_in(answer.result.output);
        return {Level::Ok, check, version.empty() ? "answers" : "answers: " + version, ""};
    }
    std::string why = what_went_wrong(answer);
    return {Level::Fail, check, why, fix_for(program_of(command), why, user)};
}

Finding info_finding(const std::string& command, const Answer& answer,
                     const std::optional<EngineFacts>& facts, const std::string& user) {
    std::string check = command + " info";
    if (!worked(answer)) {
        std::string why = what_went_wrong(answer);
        std::string fix = fix_for(program_of(command), why, user);
        return {Level::Fail, check, why,
                fix.empty() ? fmt::format("`{} info` shows the whole error", command) : fix};
    }
    if (!facts)
        return {Level::Warn, check, "answers, but not with the JSON asked for", ""};
    return {Level::Ok, check,
            fmt::format("{}, storage {}", facts->rootless ? "rootless" : "rootful",
                        facts->storage_driver.empty() ? "not said" : facts->storage_driver),
            ""};
}

Finding socket_finding(const SocketSeen& s) {
    std::string check = "docker socket";
    if (!s.exists)
        return {Level::Fail, check, fmt::format("{}: no such file", s.path),
                "start the daemon (sudo systemctl start docker), or set DOCKER_HOST to one that "
                "runs"};
    if (!s.is_socket)
        return {Level::Fail, check, fmt::format("{}: not a socket", s.path),
                "point DOCKER_HOST (unix://PATH) at the daemon's socket"};
    if (s.usable)
        return {Level::Ok, check, fmt::format("{}: yours to use (group {})", s.path, s.group), ""};
    if (s.group_listed && !s.group_in_session)
        return {Level::Fail, check,
                fmt::format("{}: you are in group {}, but this login session is not yet", s.path,
                            s.group),
                fmt::format("log out and in again (or run `newgrp {}`)", s.group)};
    return {Level::Fail, check,
            fmt::format("{}: only root and group {} may use it, and {} is not in it", s.path,
                        s.group, s.user),
            fmt::format("sudo usermod -aG {} {}, then log in again (the group is as good as root); "
                        "or use podman",
                        s.group, s.user)};
}

std::vector<std::pair<std::uint64_t, std::uint64_t>>
subid_ranges(std::string_view text, const std::string& user, unsigned uid) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
    std::string uid_text = std::to_string(uid);
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        auto first = line.find(':'), second = line.find(':', first + 1);
        if (first == std::string_view::npos || second == std::string_view::npos)
            continue;
        std::string_view name = line.substr(0, first);
        if (name != user && name != uid_text)
            continue;
        auto low = number(line.substr(first + 1, second - first - 1));
        auto count = number(line.substr(second + 1));
        if (low && count && *count > 0)
            ranges.emplace_back(*low, *count);
    }
    return ranges;
}

Finding subid_finding(const std::string& file, const std::optional<std::string>& text,
                      const std::string& user, unsigned uid) {
    std::string fix = fmt::format("sudo usermod --add-subuids 100000-165535 --add-subgids "
                                  "100000-165535 {}, then `podman system migrate`",
                                  user);
    if (!text)
        return {Level::Fail, file, "cannot be read", fix};
    auto ranges = subid_ranges(*text, user, uid);
    std::uint64_t total = 0;
    std::vector<std::string> shown;
    for (auto [low, count] : ranges) {
        total += count;
        shown.push_back(fmt::format("{}-{}", low, low + count - 1));
    }
    if (ranges.empty())
        return {Level::Warn, file,
                fmt::format("no range for {}: rootless podman maps your own id only, so images "
                            "with files of other users fail",
                            user),
                fix};
    std::string detail = fmt::format("{}: {} ({} ids)", user, fmt::join(shown, ", "), total);
    if (total < kWantedIds)
        return {Level::Warn, file, detail + ", fewer than images' users need (65536)", fix};
    return {Level::Ok, file, detail, ""};
}

Finding helper_finding(const HelperSeen& h) {
    if (!h.path)
        return {Level::Fail, h.name, "not installed: rootless podman cannot map ids",
                "sudo apt-get install uidmap"};
    if (!h.privileged)
        return {Level::Fail, h.name,
                fmt::format("{} is neither setuid root nor given a capability", *h.path),
                fmt::format("sudo chmod u+s {} (or reinstall uidmap)", *h.path)};
    return {Level::Ok, h.name, *h.path, ""};
}

Finding storage_finding(const std::string& command, const EngineFacts& facts) {
    if (facts.storage_driver == "vfs")
        return {Level::Warn, command + " storage",
                "vfs: every layer is a full copy, so builds are slow and "
                "big",
                "install fuse-overlayfs (rootless podman) or use overlay; `podman system reset` "
                "drops the images"};
    return {Level::Ok, command + " storage",
            fmt::format("{} in {}", facts.storage_driver.empty() ? "?" : facts.storage_driver,
                        facts.graph_root.empty() ? "?" : facts.graph_root),
            ""};
}

Finding host_finding(const std::string& command, const EngineFacts& facts,
                     const std::string& our_host) {
    if (runs_elsewhere(facts.host_name, our_host))
        return {Level::Warn, command + " host",
                fmt::format("{}, not this machine ({}): bind mounts name {}'s directories",
                            facts.host_name, our_host, facts.host_name),
                "for cc and update, use an engine on this machine"};
    return {Level::Ok, command + " host", "this machine", ""};
}

Finding binfmt_finding(bool mounted,
                       const std::vector<std::pair<std::string, BinfmtEntry>>& entries) {
    std::string check = "binfmt_misc";
    if (!mounted)
        return {Level::Warn, check, "not mounted: images of other architectures cannot run",
                "sudo mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc"};
    if (entries.empty())
        return {Level::Warn, check, "no qemu-* entries: images of other architectures cannot run",
                "sudo apt-get install qemu-user-static binfmt-support"};
    std::vector<std::string> without_f;
    for (const auto& [name, entry] : entries)
        if (!entry.persistent)
            without_f.push_back(name);
    if (!without_f.empty())
        return {Level::Warn, check,
                fmt::format("{} of {} qemu-* entries lack the F flag: {}", without_f.size(),
                            entries.size(), fmt::join(without_f, ", ")),
                "without F, the interpreter must be in the image (`qemu-docker update "
                "--executable` copies it); Debian's qemu-user-static registers with F"};
    return {Level::Ok, check, fmt::format("{} qemu-* entries, all with the F flag", entries.size()),
            ""};
}

Finding space_finding(const std::string& path, std::optional<std::uint64_t> free_bytes) {
    std::string check = "free space";
    if (!free_bytes)
        return {Level::Ok, check, fmt::format("{}: not readable from here", path), ""};
    double gib = static_cast<double>(*free_bytes) / static_cast<double>(kGiB);
    std::string detail = fmt::format("{:.1f} GiB free in {}", gib, path);
    if (*free_bytes < 5 * kGiB)
        return {Level::Warn, check, detail + ": a QEMU build image needs a few GiB",
                "`podman image prune` or `docker image prune` frees unused images"};
    return {Level::Ok, check, detail, ""};
}

std::vector<Finding>
settings_findings(const std::vector<std::pair<std::string, std::string>>& set) {
    std::vector<Finding> out;
    for (const auto& [name, value] : set) {
        Finding f{Level::Ok, name, value.empty() ? "(empty)" : value, ""};
        if (name == "QEMU_DOCKER_REUSE") {
            try {
                auto seconds = reuse_seconds(value.c_str());
                f.detail += seconds ? fmt::format(": warm cc containers, {} s idle", *seconds)
                                    : ": warm cc containers off";
            } catch (const Error& e) {
                f = {Level::Fail, name, e.what(), "set it to 0 (off) or 1 to 86400"};
            }
        } else if (name != "QEMU_DOCKER_TRACE" && name != "QEMU_DOCKER_PROBE_CACHE" &&
                   name != "QEMU_DOCKER_AGENT") {
            f = {Level::Warn, name, "not a setting qemu-docker knows",
                 "known: QEMU_DOCKER_REUSE, QEMU_DOCKER_TRACE, QEMU_DOCKER_PROBE_CACHE, "
                 "QEMU_DOCKER_AGENT"};
        }
        out.push_back(std::move(f));
    }
    return out;
}

} // namespace qd
