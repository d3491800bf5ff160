#pragma once

// The one way qemu-docker takes signals: held back (blocked) and received
// through a signalfd, at a point of its choosing, never in the middle of
// something.  run_application holds SIGINT, SIGTERM and SIGHUP back for the
// whole command; the runner passes them on to the running child, and the
// command unwinds with Interrupted (exit status 128+N).

#include "qemu_docker/util/error.h"
#include "qemu_docker/util/unique_fd.h"

#include <csignal>

namespace qd {

// SIGINT, SIGTERM and SIGHUP: the signals that interrupt a command.
sigset_t interrupt_signals();

// Blocks SIGNALS while alive and receives them through a signalfd.
class BlockedSignals {
  public:
    // Throws Error when no signalfd can be made.
    explicit BlockedSignals(const sigset_t& signals);
    ~BlockedSignals();
    BlockedSignals(const BlockedSignals&) = delete;
    BlockedSignals& operator=(const BlockedSignals&) = delete;

    // For poll: readable when one of them has arrived.
    int fd() const { return fd_.get(); }
    // One that has arrived, taken, or 0.
    int take();

  private:
    sigset_t old_;
    UniqueFd fd_;
};

// SIGNO ended the command: "interrupted by SIGTERM", status 128+SIGNO.
class Interrupted : public Error {
  public:
    explicit Interrupted(int signo);
};

// Throws Interrupted if SIGINT, SIGTERM or SIGHUP has arrived (and is held
// back): between the steps of a command.
void throw_if_interrupted();

} // namespace qd
