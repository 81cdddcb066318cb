#include "services/reservation_lease.hpp"

#include <cstdio>
#include <vector>

#include "security/random.hpp"

namespace pws {

std::string new_instance_id() { return random_id("inst_"); }

LeaseKeeper::LeaseKeeper(Store& store, std::string instance_id, std::chrono::seconds length,
                         std::function<UnixTime()> now)
    : store_(store), instance_id_(std::move(instance_id)), length_(length), now_(std::move(now)) {}

LeaseKeeper::~LeaseKeeper() { stop(); }

Lease LeaseKeeper::fresh() const { return Lease{instance_id_, now_() + length_.count()}; }

LeaseKeeper::Hold LeaseKeeper::hold(ReservationKind kind, std::string id) {
    std::pair<ReservationKind, std::string> key{kind, std::move(id)};
    {
        std::lock_guard lock(mu_);
        ++held_[key];
    }
    return Hold(this, std::move(key));
}

LeaseKeeper::Hold::~Hold() {
    if (keeper_ != nullptr) keeper_->release(key_);
}

void LeaseKeeper::release(const std::pair<ReservationKind, std::string>& key) {
    std::lock_guard lock(mu_);
    const auto it = held_.find(key);
    if (it != held_.end() && --it->second <= 0) held_.erase(it);
}

void LeaseKeeper::renew_all() {
    std::vector<std::pair<ReservationKind, std::string>> keys;
    {
        std::lock_guard lock(mu_);
        for (const auto& [key, count] : held_) keys.push_back(key);
    }
    if (keys.empty()) return;
    const Lease lease = fresh();
    pw::Error e = store_.write_transaction([&](WriteTxn& t) -> pw::Error {
        for (const auto& [kind, id] : keys)
            if (pw::Error r = t.renew_lease(kind, id, lease)) return r;
        return {};
    });
    // Tried again at the next round; two more rounds before the lease lapses.
    if (e) std::fprintf(stderr, "leases: renewal of %zu failed: %s\n", keys.size(), e.code.c_str());
}

void LeaseKeeper::start() {
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
}

void LeaseKeeper::stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void LeaseKeeper::run() {
    const auto period = std::chrono::duration_cast<std::chrono::milliseconds>(length_) / 3;
    std::unique_lock lock(mu_);
    while (!stopping_) {
        cv_.wait_for(lock, period, [this] { return stopping_; });
        if (stopping_) break;
        lock.unlock();
        renew_all();
        lock.lock();
    }
}

}  // namespace pws
