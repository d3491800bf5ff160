#pragma once

// Where qemu-docker misbehaves today when an engine call fails: each entry
// names the tests (the injections) and exactly the problems they show, so a
// fix makes its test fail until the entry goes.

#include "findings.h"

#include <string>
#include <vector>

namespace fault {

struct KnownFailure {
    const char* tests; // fnmatch(3) pattern over test names, e.g. "Update_*_Kill"
    unsigned problems; // Problem bits
    const char* observed;
};

extern const std::vector<KnownFailure> kKnownFailures;

// The entry for the test NAME, if any.
const KnownFailure* known_failure(const std::string& name);

} // namespace fault
