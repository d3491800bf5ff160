#pragma once

// doctor's report as a person reads it (an aligned table, a fix under each
// finding that has one) or as a script does (JSON).  Pure.

#include "qemu_docker/doctor/examine.h"

#include <string>

namespace qd {

// COLOUR: the levels in colour (on a terminal, NO_COLOR unset).
std::string report_table(const Report& report, bool colour);
std::string report_json(const Report& report);

} // namespace qd
