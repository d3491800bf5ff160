#pragma once

#include <csignal>

namespace qd {

// SIGINT, SIGTERM and SIGHUP: the signals that interrupt a command.
sigset_t interrupt_signals();

// Holds SIGINT, SIGTERM and SIGHUP back while alive, so that a command with
// something to clean up (a build context) can notice them at a safe point
// and unwind instead of dying on the spot.  Children run with forward_signals.
class InterruptGuard {
  public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    // Throws Error (status 128+signal) if one of them has arrived.
    void check() const;
    // Throws the same for a signal a child run was interrupted by.
    static void throw_if(int signo);

  private:
    sigset_t old_;
};

} // namespace qd
