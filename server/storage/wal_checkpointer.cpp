#include "storage/wal_checkpointer.hpp"

namespace pws {

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void WalCheckpointer::request() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (stopping_) return;
        wanted_ = true;
        if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
    }
    cv_.notify_one();
}

void WalCheckpointer::loop() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
        cv_.wait(lock, [this] { return wanted_ || stopping_; });
        if (stopping_) return;
        wanted_ = false;
        lock.unlock();
        checkpoint_();
        lock.lock();
        // Requests that came meanwhile wait for the gap: while readers keep
        // the WAL from restarting, every commit finds it past the threshold
        // and asks again, and back-to-back checkpoints (each an fsync of the
        // database file) took a sixth of the server's CPU at 64 clients.
        cv_.wait_for(lock, kMinGap, [this] { return stopping_; });
    }
}

}  // namespace pws
