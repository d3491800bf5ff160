#include "qemu_docker/engine/signals.h"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <sys/signalfd.h>

namespace qd {

sigset_t interrupt_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    return set;
}

BlockedSignals::BlockedSignals(const sigset_t& signals) {
    sigprocmask(SIG_BLOCK, &signals, &old_);
    fd_ = UniqueFd(::signalfd(-1, &signals, SFD_CLOEXEC | SFD_NONBLOCK));
    if (!fd_.valid()) {
        int error = errno;
        sigprocmask(SIG_SETMASK, &old_, nullptr);
        throw Error(fmt::format("cannot receive signals: signalfd: {}", std::strerror(error)));
    }
}

BlockedSignals::~BlockedSignals() {
    sigprocmask(SIG_SETMASK, &old_, nullptr);
}

int BlockedSignals::take() {
    signalfd_siginfo info;
    ssize_t n;
    while ((n = ::read(fd_.get(), &info, sizeof info)) < 0 && errno == EINTR) {
    }
    return n == sizeof info ? static_cast<int>(info.ssi_signo) : 0;
}

Interrupted::Interrupted(int signo)
    : Error(fmt::format("interrupted by SIG{}", sigabbrev_np(signo)), 128 + signo) {}

void throw_if_interrupted() {
    BlockedSignals interrupts(interrupt_signals());
    if (int signo = interrupts.take())
        throw Interrupted(signo);
}

} // namespace qd
