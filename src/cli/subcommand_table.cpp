#include "qemu_docker/cli/subcommand.h"

#include <array>

namespace qd {

std::span<const SubcommandInfo> subcommand_table() {
    // The order of docker.py's help and "invalid choice" message, then ours.
    static const std::array<SubcommandInfo, 10> table = {{
        {"run", "Run a command in a container that is removed when it ends", make_run_command},
        {"build", "Build an image from a dockerfile unless it is up to date", make_build_command},
        {"fetch", "Pull an image from a registry and tag it locally", make_fetch_command},
        {"update", "Add an executable or the current user to an image", make_update_command},
        {"clean", "Remove every container qemu-docker started", make_clean_command},
        {"images", "List images (the engine's images command)", make_images_command},
        {"probe", "Print which engine would be used: docker, sudo docker, podman or no",
         make_probe_command},
        {"cc", "Run a compiler in an image, as the current user, in the current directory",
         make_cc_command},
        {"check", "Check whether an image is up to date with its dockerfile, or its age",
         make_check_command},
        {"doctor", "Say which engine works, and why the others do not, with fixes",
         make_doctor_command},
    }};
    return table;
}

} // namespace qd
