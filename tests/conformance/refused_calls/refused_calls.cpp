// Preloaded into qemu-docker by the conformance tests (LD_PRELOAD): makes
// the calls QD_TEST_REFUSE names ("pidfd_open", "signalfd", "poll", any of
// them in one string) fail, as an old kernel, gVisor or a seccomp profile
// can.  Other programs (the stand-in engine, scripts) are left alone.
#include <cerrno>
#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <poll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>

namespace {

bool refused(const char* call) {
    const char* list = std::getenv("QD_TEST_REFUSE");
    return list && std::strstr(list, call) &&
           std::strcmp(program_invocation_short_name, "qemu-docker") == 0;
}

template <typename Function> Function next(const char* name) {
    return reinterpret_cast<Function>(dlsym(RTLD_NEXT, name));
}

} // namespace

extern "C" long syscall(long number, ...) {
    va_list ap;
    va_start(ap, number);
    long args[6];
    for (long& arg : args)
        arg = va_arg(ap, long);
    va_end(ap);
    if (number == SYS_pidfd_open && refused("pidfd_open")) {
        errno = ENOSYS;
        return -1;
    }
    return next<long (*)(long, ...)>("syscall")(number, args[0], args[1], args[2], args[3], args[4],
                                                args[5]);
}

extern "C" int signalfd(int fd, const sigset_t* mask, int flags) {
    if (refused("signalfd")) {
        errno = ENOSYS;
        return -1;
    }
    return next<int (*)(int, const sigset_t*, int)>("signalfd")(fd, mask, flags);
}

extern "C" int poll(pollfd* fds, nfds_t count, int timeout) {
    if (refused("poll")) {
        errno = ENOMEM;
        return -1;
    }
    return next<int (*)(pollfd*, nfds_t, int)>("poll")(fds, count, timeout);
}
