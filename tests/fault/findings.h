#pragma once

// What qemu-docker must not do when an engine call fails, and the findings
// of one run: each problem it shows, with the detail that shows it.

#include "sandbox.h"

#include <string>
#include <vector>

namespace fault {

// Problems, as bits: a known failure lists exactly those it shows.
enum Problem : unsigned {
    kHung = 1,           // not ended within the limit (killed by the test)
    kStatus = 2,         // another exit status than documented
    kErrorLine = 4,      // no, or more than one, or an unclear `qemu-docker: error:` line
    kCrashText = 8,      // an exception's text, a sanitizer report, "terminate called"
    kTempLeft = 16,      // something left in TMPDIR
    kContainerLeft = 32, // a labelled container still there
    kClientLeft = 64,    // the hung engine call still running, after qemu-docker ended
    kMessageLost = 128,  // the engine's own message not passed on
    kGarbageUsed = 256,  // a word of the garbage given to a later call as an option
};

// PROBLEMS as "status+error-line", for messages.
std::string problem_names(unsigned problems);

struct Finding {
    Problem problem;
    std::string detail;
};

// What the run should show.
struct Expected {
    int status = 0;
    // One `qemu-docker: error:` line containing this; empty: none.
    std::string error;
    // Either none or one error line, of any text (after a signal).
    bool any_error = false;
    // This must appear on stderr (the failed call's own message); empty: no need.
    std::string engine_message;
    // A labelled container may stay (run --keep, or the call to remove it failed).
    bool container_may_stay = false;
    // Option-like words of the garbage that no call may be given.
    std::vector<std::string> garbage_options;
};

// What the run showed: OUTCOME, and the stand-in's waiting entries and
// TMPDIR's entries after it ended.
struct Observed {
    fake_engine::Outcome outcome;
    std::vector<nlohmann::json> running;
    std::vector<std::string> tmp_entries;
};

// Every way OBSERVED breaks the rules or EXPECTED.
std::vector<Finding> findings(const Observed& observed, const Expected& expected);

// The bits of FOUND.
unsigned problems(const std::vector<Finding>& found);

} // namespace fault
