#include "cases.h"

#include <filesystem>
#include <unistd.h>

namespace fault {

namespace fs = std::filesystem;
using conformance::image;
using conformance::kBaseChecksum;
using conformance::kChildChecksum;

namespace {

const char* const kDescription = "cannot read the engine's description of ";
const char* const kListing = "listing containers failed";
const char* const kRunLine = "run --rm --label com.qemu.instance.uuid=<uuid> ";
const char* const kBuildBase = "build -t qemu/base -f <context>/<dockerfile>{bk} <context>";

// An inspect of TAG that build reads: a failed one means "no image", so
// build builds; unreadable output is an error (D1).
Step build_inspect(const std::string& tag) {
    return {"inspect " + tag, as_clean(), fails(kDescription + tag), fails(kDescription + tag)};
}

// An inspect of TAG that check reads: a failed one means "Image does not
// exist" (exit 1); unreadable output is an error (D1).
Step check_inspect(const std::string& tag) {
    return {"inspect " + tag, exits(1), fails(kDescription + tag), fails(kDescription + tag)};
}

Step build_step(const std::string& tag, const std::string& line) {
    return {line, fails("building " + tag + " failed")};
}

Step update_step(const std::string& tag) {
    return {"build -t " + tag + " -", fails("updating " + tag + " failed")};
}

// Whether the engine runs rootless, before a run as the current user: an
// engine that does not answer is taken to be as the uid suggests (D5).
Step rootless_question() {
    return {"{ask}", as_clean(), as_clean(), as_clean()};
}

// The run of `run` or `cc`: its failure's status is passed on (D2); when
// it works, whatever it prints, the status is 0.
Step run_step(const std::string& rest) {
    return {kRunLine + rest, passes_status(), exits(0), exits(0)};
}

void dockerfiles(const Sandbox& sb) {
    conformance::write_dockerfiles(sb);
}

// ROOT/exe/NAME, a copy of /bin/true (so that it has libraries).
void true_as(const Sandbox& sb, const std::string& name) {
    fs::create_directories(sb.root() / "exe");
    fs::copy_file("/bin/true", sb.root() / "exe" / name, fs::copy_options::overwrite_existing);
}

std::vector<Case> build_cases() {
    Args base = {"build", "-t", "qemu/base", "-f", "../dockerfiles/base.docker"};
    auto with = [](Args args, const Args& more) {
        args.insert(args.end(), more.begin(), more.end());
        return args;
    };
    json up_to_date = {{"qemu/base", image(kBaseChecksum)}};
    std::vector<Case> out = {
        {"Build",
         base,
         {},
         {},
         dockerfiles,
         {build_inspect("qemu/base"), build_step("qemu/base", kBuildBase)}},
        {"BuildUpToDate", base, {}, up_to_date, dockerfiles, {build_inspect("qemu/base")}},
        {"BuildNoCache",
         with(base, {"--no-cache"}),
         {},
         up_to_date,
         dockerfiles,
         {build_step("qemu/base",
                     "build -t qemu/base -f <context>/<dockerfile>{bk} --no-cache <context>")}},
        {"BuildExecutable",
         with(base, {"--skip-binfmt", "-e", "{root}/exe/true"}),
         {},
         {},
         [](const Sandbox& sb) {
             dockerfiles(sb);
             true_as(sb, "true");
         },
         {build_inspect("qemu/base"), build_step("qemu/base", kBuildBase)}},
        {"BuildExtraFiles",
         with(base, {"--extra-files", "a.txt", "sub/b.bin"}),
         {},
         {},
         [](const Sandbox& sb) {
             dockerfiles(sb);
             sb.write("work/a.txt", "alpha\n");
             sb.write("work/sub/b.bin", "beta");
         },
         {build_inspect("qemu/base"), build_step("qemu/base", kBuildBase)}},
        {"BuildRegistry",
         {"build", "-t", "qemu/child", "-f", "../dockerfiles/child.docker", "--registry", "reg"},
         {},
         {},
         dockerfiles,
         // A pull that fails only means no cache (docker.py's behaviour).
         {build_inspect("qemu/child"),
          {"pull reg/qemu/base", as_clean()},
          {"pull reg/qemu/child", as_clean()},
          build_step("qemu/child", "build -t qemu/child -f <context>/<dockerfile>{bk} --cache-from "
                                   "reg/qemu/child <context>")}},
        {"BuildAddCurrentUser",
         with(base, {"--add-current-user"}),
         {},
         {},
         dockerfiles,
         {build_inspect("qemu/base"), build_step("qemu/base", kBuildBase)}},
        {"BuildPre",
         base,
         {},
         {},
         [](const Sandbox& sb) {
             dockerfiles(sb);
             auto pre = sb.write("dockerfiles/base.pre", "#!/bin/sh\necho pre\necho x > made\n");
             fs::permissions(pre, fs::perms::owner_all);
         },
         {build_inspect("qemu/base"), build_step("qemu/base", kBuildBase)}},
    };
    return out;
}

std::vector<Case> check_cases() {
    Args check = {"check", "qemu/base", "../dockerfiles/base.docker"};
    return {
        {"CheckChecksum",
         check,
         {},
         {{"qemu/base", image(kBaseChecksum)}},
         dockerfiles,
         {check_inspect("qemu/base")}},
        {"CheckStale",
         check,
         {},
         {{"qemu/base", image(kChildChecksum)}},
         dockerfiles,
         {check_inspect("qemu/base")},
         1},
        {"CheckAge",
         {"check", "--checktype=age", "qemu/base"},
         {},
         {{"qemu/base", image(kBaseChecksum, fake_engine::minutes_ago(10, ".5Z"))}},
         nullptr,
         {check_inspect("qemu/base")}},
    };
}

std::vector<Case> update_cases() {
    std::vector<Case> out = {
        {"Update", {"update", "qemu/base"}, {}, {}, nullptr, {update_step("qemu/base")}},
        {"UpdateAddCurrentUser",
         {"update", "--add-current-user", "qemu/base"},
         {},
         {},
         nullptr,
         {update_step("qemu/base")}},
    };
    // Without the entry, update refuses before it looks for an engine.
    if (fake_engine::persistent_binfmt_entry("qemu-aarch64"))
        out.push_back({"UpdateExecutable",
                       {"update", "qemu/base", "--executable", "{root}/exe/qemu-aarch64"},
                       {},
                       {},
                       [](const Sandbox& sb) { true_as(sb, "qemu-aarch64"); },
                       {update_step("qemu/base")}});
    return out;
}

std::vector<Case> run_cases() {
    // A run that fails, leaving its container: qemu-docker lists and removes
    // it.  A listing or removal that fails (or only says it worked, in the
    // stand-in's garbage and empty modes) leaves it there.
    Expect listing_failed = fails(kListing);
    listing_failed.container_left = true;
    Expect left = as_clean();
    left.container_left = true;
    return {
        {"Run", {"run", "img", "true"}, {}, {}, nullptr, {run_step("img true")}},
        {"RunFailing",
         {"run", "img", "false"},
         R"({"run": {"exit": 3, "stderr": "Error: failed\n", "leave_container": true}})"_json,
         {},
         nullptr,
         {run_step("img false"),
          // garbage is not container ids: an error, nothing passed to rm
          {"ps -q --filter=label=com.qemu.instance.uuid=<uuid>", listing_failed, listing_failed,
           left},
          {"{rm} c1", left, left, left}},
         3},
        {"RunKeep",
         {"run", "--keep", "img", "true"},
         {},
         {},
         nullptr,
         {run_step("img true")},
         0,
         true},
        {"RunAsCurrentUser",
         {"run", "--run-as-current-user", "img", "id"},
         {},
         {},
         nullptr,
         {rootless_question(), run_step("{user} img id")}},
        {"Cc",
         {"cc", "-i", "img", "x.c"},
         {},
         {},
         nullptr,
         {rootless_question(),
          run_step("{user} -w <tmp>/work -v <tmp>/work:<tmp>/work:rw img cc x.c")}},
    };
}

std::vector<Case> other_cases() {
    Expect pull_failed = passes_status(), tag_failed = passes_status();
    pull_failed.error = "pulling reg/qemu/debian failed"; // D3
    tag_failed.error = "tagging reg/qemu/debian as qemu/debian failed";
    Case probe{"Probe", {"probe"}};
    probe.probe_only = true;
    return {
        probe,
        {"Fetch",
         {"fetch", "qemu/debian", "reg"},
         {},
         {},
         nullptr,
         {{"pull reg/qemu/debian", pull_failed}, {"tag reg/qemu/debian qemu/debian", tag_failed}}},
        {"Clean",
         {"clean"},
         R"({"ps": {"stdout": "c1\nc2\n"}})"_json,
         {},
         nullptr,
         // A removal that fails is the engine's to report (docker.py's too).
         {{"ps -q -a --filter=label=com.qemu.instance.uuid", fails(kListing), fails(kListing)},
          {"{rm} c1", as_clean()},
          {"{rm} c2", as_clean()}}},
        {"Images", {"images", "-a"}, {}, {}, nullptr, {{"images -a", passes_status()}}},
    };
}

} // namespace

void replace(std::string& text, const std::string& from, const std::string& to) {
    for (size_t at; (at = text.find(from)) != std::string::npos;)
        text.replace(at, from.size(), to);
}

const std::vector<Case>& cases() {
    static const std::vector<Case> all = [] {
        std::vector<Case> out;
        for (auto part : {build_cases(), check_cases(), update_cases(), run_cases(), other_cases()})
            out.insert(out.end(), part.begin(), part.end());
        return out;
    }();
    return all;
}

std::vector<const EngineSetup*> setups() {
    std::vector<const EngineSetup*> out;
    for (const auto& s : conformance::engine_setups())
        if (s.name == "AutoPodman" || s.name == "AutoDockerWithoutPodman" ||
            s.name == "AutoSudoDocker")
            out.push_back(&s);
    return out;
}

json config(const Case& c, const EngineSetup& setup, const json& fault) {
    json out = setup.programs;
    // Every program answers alike, so that a probe that falls back to the
    // next engine runs the same case.
    if (c.responses.is_object())
        for (auto& [program, responses] : out.items())
            responses.update(c.responses);
    if (c.images.is_object())
        out["images"] = c.images;
    if (!fault.is_null())
        out["fault"] = fault;
    return out;
}

std::vector<Step> calls(const Case& c, const EngineSetup& setup) {
    std::vector<Step> out;
    for (const auto& version : setup.probe) {
        // Only the last engine tried has none after it to fall back on.
        bool last = version == "sudo -n docker version";
        Expect failed =
            last && !c.probe_only ? fails("cannot find a working container engine") : as_clean();
        out.push_back({version, failed});
    }
    bool podman = setup.prefix == "podman";
    std::string uid = std::to_string(::getuid());
    // The sandbox has no CONTAINER_HOST: podman is rootless unless root (D5).
    std::string user = (podman && ::geteuid() != 0 ? "--userns=keep-id -u " : "-u ") + uid;
    for (Step step : c.steps) {
        replace(step.line, "{bk}", podman ? "" : " --build-arg BUILDKIT_INLINE_CACHE=1");
        replace(step.line, "{user}", user);
        replace(step.line, "{ask}",
                podman ? "info --format '{{.Host.Security.Rootless}} {{.Host.Hostname}}'"
                       : "info --format '{{json .SecurityOptions}} {{.Name}}'");
        replace(step.line, "{rm}", podman ? "rm -f --time 0" : "rm -f");
        step.line = setup.prefix + " " + step.line;
        out.push_back(step);
    }
    return out;
}

} // namespace fault
