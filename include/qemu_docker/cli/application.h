#pragma once

namespace qd {

// The whole program: parse, run the subcommand, and turn every error into
// "qemu-docker: error: ..." and an exit status.  The one place that does.
int run_application(int argc, char** argv);

} // namespace qd
