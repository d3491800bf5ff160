#include "qemu_docker/engine/interrupt_guard.h"

#include "qemu_docker/util/error.h"

#include <cstring>
#include <ctime>
#include <fmt/format.h>

namespace qd {
sigset_t interrupt_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    return set;
}

InterruptGuard::InterruptGuard() {
    sigset_t set = interrupt_signals();
    sigprocmask(SIG_BLOCK, &set, &old_);
}

InterruptGuard::~InterruptGuard() {
    sigprocmask(SIG_SETMASK, &old_, nullptr);
}

void InterruptGuard::check() const {
    sigset_t set = interrupt_signals();
    timespec zero{0, 0};
    int signo = sigtimedwait(&set, nullptr, &zero);
    throw_if(signo > 0 ? signo : 0);
}

void InterruptGuard::throw_if(int signo) {
    if (signo > 0)
        throw Error(fmt::format("interrupted by SIG{}", sigabbrev_np(signo)), 128 + signo);
}

} // namespace qd
