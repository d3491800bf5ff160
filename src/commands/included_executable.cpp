#include "qemu_docker/commands/included_executable.h"

#include <cstdio>
#include <fmt/format.h>

namespace qd {

IncludedExecutable plan_included_executable(const std::string& executable, bool skip_binfmt,
                                            ProcessRunner& runner) {
    IncludedExecutable plan;
    plan.binfmt = skip_binfmt ? BinfmtDecision{true, executable, {}} : check_binfmt(executable);
    if (plan.binfmt.interpreter)
        plan.executable = executable_file(executable, *plan.binfmt.interpreter);
    if (!plan.binfmt.enabled)
        return plan; // build stops at the binfmt_misc check: no ldd (as docker.py)
    plan.ldd = run_ldd(executable, runner);
    if (plan.ldd.libraries)
        plan.libraries = library_files(*plan.ldd.libraries);
    auto files = plan.libraries;
    if (plan.executable)
        files.insert(files.begin(), *plan.executable);
    plan.checksum = image_files_checksum(files);
    return plan;
}

void report_ldd(const LddResult& ldd, const std::string& executable) {
    std::fflush(stdout);
    fmt::print(stderr, "{}", ldd.errors);
    if (!ldd.libraries)
        fmt::print("{} had no associated libraries (static build?)\n", executable);
}

} // namespace qd
