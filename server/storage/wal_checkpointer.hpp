// Checkpoints the store's WAL on a thread of its own. A checkpoint copies
// the WAL's pages (about 1,000 by then) into the database file and fsyncs
// it: tens of milliseconds on a virtual disk. Run inside the request that
// happened to cross the threshold, it made that payer wait (the slowest 1%
// of payments at 64 clients); here no request waits for it. PASSIVE
// checkpoints never block readers or writers, so correctness is unchanged:
// the WAL is simply folded back a moment later.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace pws {

class WalCheckpointer {
public:
    // `checkpoint` runs one PASSIVE checkpoint on a connection of its own.
    explicit WalCheckpointer(std::function<void()> checkpoint) : checkpoint_(std::move(checkpoint)) {}
    // Lets a checkpoint in progress finish, then joins.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // Asks for a checkpoint soon; never waits. The thread starts on the
    // first request (a store that never fills its WAL never has one).
    void request();

    // At most one checkpoint per this interval; requests in between are
    // merged into the next one.
    static constexpr std::chrono::milliseconds kMinGap{100};

private:
    void loop();

    std::function<void()> checkpoint_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool wanted_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace pws
