#include "http/shutdown.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

namespace pws {
namespace {

sigset_t shutdown_set() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    return set;
}

}  // namespace

ShutdownSignals::ShutdownSignals(std::function<void(int)> on_signal) : on_signal_(std::move(on_signal)) {
    const sigset_t set = shutdown_set();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    waiter_ = std::thread([this, set] {
        for (;;) {
            int sig = 0;
            if (sigwait(&set, &sig) != 0) continue;
            if (closing_.load()) return;  // the destructor's wake-up
            int expected = 0;
            if (!received_.compare_exchange_strong(expected, sig)) _exit(128 + sig);
            if (on_signal_) on_signal_(sig);
        }
    });
}

ShutdownSignals::~ShutdownSignals() {
    closing_.store(true);
    // Wake the waiter with a signal only it accepts; it sees closing_ and ends.
    pthread_kill(waiter_.native_handle(), SIGTERM);
    waiter_.join();
}

}  // namespace pws
