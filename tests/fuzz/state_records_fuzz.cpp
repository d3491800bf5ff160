// The records qemu-docker reads back from its state directory and the
// answers of the warm container's inspect and /proc: arbitrary text never
// throws, and what is read writes back to a record that reads the same.

#include "fuzz_support.h"
#include "qemu_docker/engine/probe_record.h"
#include "qemu_docker/warm/warm_container.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using qd::fuzz::require;
    const std::string_view text = qd::fuzz::as_text(data, size);
    for (const char* key : {"k", "[\"auto\",0,0,[],[]]"}) {
        if (auto engine = qd::read_probe_record(text, key, 1000)) {
            auto again = qd::read_probe_record(qd::probe_record(key, *engine, 1000), key, 1000);
            require(again && again->kind == engine->kind && again->prefix == engine->prefix &&
                        again->version_output == engine->version_output &&
                        again->buildx == engine->buildx,
                    "a probe record reads back the same");
        }
    }
    if (auto shortcut = qd::read_shortcut_record(text)) {
        auto again = qd::read_shortcut_record(qd::shortcut_record(*shortcut));
        require(again && again->images_file == shortcut->images_file &&
                    again->pid == shortcut->pid && again->pid_start == shortcut->pid_start,
                "a shortcut record reads back the same");
    }
    auto state = qd::parse_warm_inspect(text);
    require(state.image_id.find('\n') == std::string::npos, "an image id is one line");
    qd::process_start_time(text);
    return 0;
}
