// Bank debits settle later. A background thread asks the processor every
// second for the debits that settled or were returned (settle_due) and
// applies them: processing -> succeeded, or processing -> returned (the
// payment shows as failed with the bank's return code and the reservation is
// released, restoring the balance). The test route POST /api/v1/test/settle
// forces a round.
// The same thread runs recovery (services/recovery.hpp) every
// recovery_interval: reservations whose lease lapsed (a charge that timed
// out, a settle that failed, an instance that died) are resolved while the
// server runs, not only at its next start, and sweeps the rate limits' full
// buckets (security/rate_limit.hpp).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>

#include "app/app.hpp"

namespace pws {

// Applies one processor outcome (succeeded or returned) to the payment with
// this charge key, if it is still `processing`. True when it changed.
bool apply_settlement(App& app, const std::string& charge_key, const ChargeOutcome& outcome);

// One round: settle_due(now + ahead) and apply each transition. Returns how
// many payments changed. `ahead` > 0 forces debits not yet due (tests).
std::size_t settle_round(App& app, std::chrono::seconds ahead = std::chrono::seconds(0));

// `processing` payments whose charge the processor already reports as
// settled or returned (a transition reported before a crash): applied.
std::size_t reconcile_processing_payments(App& app);

class SettlementWorker {
public:
    // recovery_interval 0: no periodic recovery.
    explicit SettlementWorker(App& app, std::chrono::milliseconds period = std::chrono::seconds(1),
                              std::chrono::milliseconds recovery_interval = std::chrono::milliseconds(0));
    ~SettlementWorker();  // stop()
    void start();
    void stop();  // wakes the thread and joins it

private:
    void run();
    App& app_;
    std::chrono::milliseconds period_;
    std::chrono::milliseconds recovery_interval_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace pws
