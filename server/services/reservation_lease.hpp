// Ownership of reservations across server instances on one database.
//
// Every server process draws a random instance id at start. A reservation
// (a `reserved` payment or refund: txn 1 done, processor call not yet
// settled) records its owner and a lease expiry (records.hpp Lease). While
// the owner's processor call runs, this keeper extends the lease every
// length/3; when the call returns the owner settles or releases the
// reservation itself. Recovery, in any instance, at start-up and
// periodically (services/recovery.hpp), resolves ONLY reservations whose
// lease has lapsed: the owner died (kill -9, power loss) or its call ended
// without an answer it could record (timeout, failed settle).
//
// Why a lease the owner extends rather than a fixed "call timeout +
// margin": no processor call here has a hard bound (the test processor
// waits up to 15 s for its ledger plus any --processor-latency-ms; a real
// adapter's HTTP timeout bounds our wait, not when the processor acts), so
// a fixed lease would be a guess, and a guess too short releases a card
// that is being charged. The heartbeat ties the lease to the call itself:
// it lasts as long as the call, however slow, and lapses one lease length
// after the owner stops (at least 2/3 of a length after the call returned,
// which is the margin for a charge that lands after our timeout). The
// remaining hazard is an owner alive but unable to write to the database
// for a whole lease length while its call is still running; the renewal is
// one short write transaction, so that needs the database to be unavailable
// to everyone for that long.
//
// Leases compare wall-clock seconds written by different machines: their
// clocks must agree to well within a lease length (NTP).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "storage/store.hpp"

namespace pws {

inline constexpr std::chrono::seconds kDefaultLeaseLength{30};

// Recovery may resolve a reservation only once its lease has lapsed.
inline bool lease_lapsed(const Lease& lease, UnixTime now) { return lease.expires_at < now; }

// How many lapsed reservations one recovery round resolves at most (the
// next round takes the rest).
inline constexpr std::size_t kRecoveryBatch = 1000;

class LeaseKeeper {
public:
    LeaseKeeper(Store& store, std::string instance_id, std::chrono::seconds length,
                std::function<UnixTime()> now);
    ~LeaseKeeper();  // stop()
    LeaseKeeper(const LeaseKeeper&) = delete;
    LeaseKeeper& operator=(const LeaseKeeper&) = delete;

    const std::string& instance_id() const { return instance_id_; }
    std::chrono::seconds length() const { return length_; }
    // The lease a new reservation records: this instance, now + length.
    Lease fresh() const;

    // Keeps one reservation's lease extended for as long as the Hold lives
    // (the processor call and the settle or release after it).
    class Hold {
    public:
        Hold() = default;
        Hold(Hold&& o) noexcept : keeper_(std::exchange(o.keeper_, nullptr)), key_(std::move(o.key_)) {}
        Hold& operator=(Hold&&) = delete;
        Hold(const Hold&) = delete;
        ~Hold();

    private:
        friend class LeaseKeeper;
        Hold(LeaseKeeper* k, std::pair<ReservationKind, std::string> key) : keeper_(k), key_(std::move(key)) {}
        LeaseKeeper* keeper_ = nullptr;
        std::pair<ReservationKind, std::string> key_;
    };
    Hold hold(ReservationKind kind, std::string id);

    void start();  // the renewal thread
    void stop();   // wakes and joins it
    // One renewal of every held lease (what the thread does every length/3).
    void renew_all();

private:
    void release(const std::pair<ReservationKind, std::string>& key);
    void run();

    Store& store_;
    const std::string instance_id_;
    const std::chrono::seconds length_;
    const std::function<UnixTime()> now_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::map<std::pair<ReservationKind, std::string>, int> held_;  // -> number of holds
    std::thread thread_;
};

// A fresh instance id ("inst_" + random).
std::string new_instance_id();

}  // namespace pws
