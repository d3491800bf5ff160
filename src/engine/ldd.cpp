#include "qemu_docker/engine/ldd.h"

#include "qemu_docker/image/ldd_output.h"
#include "qemu_docker/util/error.h"

#include <fmt/format.h>

namespace qd {

LddResult run_ldd(const std::string& executable, ProcessRunner& runner) {
    SpawnRequest request;
    request.argv = {"ldd", executable};
    request.out = Output::Capture;
    request.err_capture = true;
    auto result = runner.run(request);
    if (!result.started)
        throw Error(fmt::format("cannot run ldd: {}", result.spawn_error));
    if (!result.ok())
        return {std::nullopt, std::move(result.errors)};
    return {parse_ldd_output(result.output), std::move(result.errors)};
}

} // namespace qd
