#pragma once

// The subcommands: one class each (src/*_command.cpp), listed in one table.

#include "qemu_docker/engine/engine.h"

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace qd {

// What a subcommand gets from the command line and the process around it.
struct Invocation {
    EngineChoice engine_choice = EngineChoice::Auto;
    std::vector<std::string> engine_command; // --command: no probing when given
    bool quiet = false;
    std::vector<std::string> passthrough; // for the engine, in order
    ProcessRunner* runner = nullptr;

    // The engine, from the probe cache when it has a record (probe_cache.h).
    Engine find_engine() const;
};

class Subcommand {
  public:
    virtual ~Subcommand() = default;
    // Adds the subcommand's own options (all have --quiet already).
    virtual void define_options(CLI::App&) {}
    // Returns the exit status; throws Error for failures.
    virtual int execute(const Invocation& invocation) = 0;
};

struct SubcommandInfo {
    const char* name;
    const char* help;
    std::unique_ptr<Subcommand> (*create)();
};

std::span<const SubcommandInfo> subcommand_table();

std::unique_ptr<Subcommand> make_run_command();
std::unique_ptr<Subcommand> make_build_command();
std::unique_ptr<Subcommand> make_fetch_command();
std::unique_ptr<Subcommand> make_update_command();
std::unique_ptr<Subcommand> make_clean_command();
std::unique_ptr<Subcommand> make_images_command();
std::unique_ptr<Subcommand> make_probe_command();
std::unique_ptr<Subcommand> make_cc_command();
std::unique_ptr<Subcommand> make_check_command();
std::unique_ptr<Subcommand> make_doctor_command();

} // namespace qd
