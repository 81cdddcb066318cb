#include "services/settlement.hpp"

#include <algorithm>
#include <cstdio>

#include "paywidget/decline.hpp"
#include "services/recovery.hpp"

namespace pws {

bool apply_settlement(App& app, const std::string& charge_key, const ChargeOutcome& outcome) {
    if (outcome.status != ChargeStatus::succeeded && outcome.status != ChargeStatus::returned) return false;
    bool changed = false;
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        Result<PaymentRecord> p = t.payment_by_charge_key(charge_key);
        if (!p.ok()) return p.error.code == "not_found" ? pw::Error{} : p.error;
        if (p.value.state != PaymentState::processing) return {};
        PaymentUpdate u;
        u.updated_at = app.now();
        u.processor_ref = outcome.charge_id;
        if (outcome.status == ChargeStatus::succeeded) {
            u.state = PaymentState::succeeded;
        } else {
            u.state = PaymentState::returned;
            u.decline_code = outcome.decline_code.empty() ? "debit_returned" : outcome.decline_code;
            u.decline_message = pw::advise_decline(u.decline_code, pw::MethodType::bank_debit).message;
        }
        if (pw::Error ue = t.update_payment(p.value.id, PaymentState::processing, u)) return ue;
        changed = true;
        return {};
    });
    if (e) std::fprintf(stderr, "settlement: charge key apply failed: %s\n", e.code.c_str());
    return changed && !e;
}

std::size_t settle_round(App& app, std::chrono::seconds ahead) {
    pw::Result<std::vector<Settlement>> due =
        app.processor->settle_due(std::chrono::system_clock::now() + ahead);
    if (!due.ok()) {
        std::fprintf(stderr, "settlement: settle_due failed: %s\n", due.error.code.c_str());
        return 0;
    }
    std::size_t n = 0;
    for (const Settlement& s : due.value)
        if (apply_settlement(app, s.key, s.outcome)) ++n;
    return n;
}

std::size_t reconcile_processing_payments(App& app) {
    std::vector<PaymentRecord> processing;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        Result<std::vector<PaymentRecord>> r = t.payments_in_state(PaymentState::processing, 100000);
        if (!r.ok()) return r.error;
        processing = std::move(r.value);
        return {};
    });
    if (e) return 0;
    std::size_t n = 0;
    for (const PaymentRecord& p : processing) {
        pw::Result<std::optional<ChargeOutcome>> seen = app.processor->lookup(p.charge_key);
        if (!seen.ok() || !seen.value) continue;
        if (apply_settlement(app, p.charge_key, *seen.value)) ++n;
    }
    return n;
}

SettlementWorker::SettlementWorker(App& app, std::chrono::milliseconds period,
                                   std::chrono::milliseconds recovery_interval)
    : app_(app), period_(period), recovery_interval_(recovery_interval) {}

SettlementWorker::~SettlementWorker() { stop(); }

void SettlementWorker::start() {
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
}

void SettlementWorker::stop() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void SettlementWorker::run() {
    using Clock = std::chrono::steady_clock;
    Clock::time_point next_recovery = Clock::now() + recovery_interval_;
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopping_) {
        const auto wait = recovery_interval_.count() > 0 ? std::min<Clock::duration>(period_, next_recovery - Clock::now())
                                                         : Clock::duration(period_);
        cv_.wait_for(lock, wait, [this] { return stopping_; });
        if (stopping_) break;
        lock.unlock();
        if (recovery_interval_.count() > 0 && Clock::now() >= next_recovery) {
            recover_lapsed_reservations(app_);
            // Housekeeping on the same beat: forget rate-limit keys whose
            // buckets are full again (bounded per round).
            Result<std::size_t> swept = sweep_rate_limits(*app_.store, app_.now_ms(), 10000);
            if (!swept.ok()) std::fprintf(stderr, "rate limits: sweep failed: %s\n", swept.error.code.c_str());
            next_recovery = Clock::now() + recovery_interval_;
        }
        settle_round(app_);
        lock.lock();
    }
}

}  // namespace pws
