// Test-only fault: "the charge call times out, then succeeds at the
// processor". A Processor decorator whose charge() answers
// processor_unavailable at once (the caller's timeout) while the charge
// itself reaches the wrapped processor `delay` later, on a thread of its own.
// An immediate lookup() therefore still says "never charged": the case where
// releasing the reservation on that answer would record a charged card as
// unpaid.
//
// Armed only under --test-mode, from PWS_CHARGE_LANDS_LATE_MS=<ms>
// (late_charge_delay_from_environment); a production server never wraps its
// processor.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "processor/processor.hpp"

namespace pws::faults {

class LateChargeProcessor final : public Processor {
public:
    LateChargeProcessor(std::unique_ptr<Processor> inner, std::chrono::milliseconds delay);
    ~LateChargeProcessor() override;  // joins the charges still on their way

    pw::Result<TokenizeResult> tokenize_card(const CardDetails& card) override;
    pw::Result<TokenizeResult> tokenize_bank(const BankDetails& bank) override;
    pw::Result<ChargeOutcome> charge(const ChargeRequest& request) override;
    pw::Result<std::optional<ChargeOutcome>> lookup(std::string_view key) override;
    pw::Result<RefundOutcome> refund(const RefundCall& request) override;
    pw::Result<std::optional<RefundOutcome>> lookup_refund(std::string_view key) override;
    pw::Result<std::vector<Settlement>> settle_due(TimePoint now) override;

private:
    std::unique_ptr<Processor> inner_;
    std::chrono::milliseconds delay_;
    std::mutex mu_;
    std::vector<std::thread> landing_;
};

// PWS_CHARGE_LANDS_LATE_MS as a delay (nullopt when unset or not a number).
std::optional<std::chrono::milliseconds> late_charge_delay_from_environment();

}  // namespace pws::faults
