// Graceful shutdown: SIGTERM / SIGINT -> a callback (typically
// server.stop()), run on an ordinary thread, never inside a signal handler.
//
// How: the constructor blocks SIGTERM and SIGINT in the calling thread and
// starts a thread that sigwait()s for them. Threads created AFTER the
// constructor inherit the blocked mask, so the signal can only be taken by
// the waiter. Construct it first thing in main(), before the listener's worker
// pool or any other thread exists.
#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace pws {

class ShutdownSignals {
public:
    // `on_signal(signo)` runs once, on the waiter thread, for the first
    // SIGTERM or SIGINT. A second one ends the process at once with
    // _exit(128 + signo), for a shutdown that hangs (Ctrl-C twice).
    explicit ShutdownSignals(std::function<void(int)> on_signal);
    // Stops the waiter without calling on_signal. The signals stay blocked:
    // a process past this point is shutting down anyway.
    ~ShutdownSignals();
    ShutdownSignals(const ShutdownSignals&) = delete;
    ShutdownSignals& operator=(const ShutdownSignals&) = delete;

    // The signal received, 0 while none.
    int received() const { return received_.load(); }

private:
    std::function<void(int)> on_signal_;
    std::atomic<int> received_{0};
    std::atomic<bool> closing_{false};
    std::thread waiter_;
};

}  // namespace pws
