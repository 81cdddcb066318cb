#include "faults/late_charge.hpp"

#include <cstdlib>

namespace pws::faults {

LateChargeProcessor::LateChargeProcessor(std::unique_ptr<Processor> inner, std::chrono::milliseconds delay)
    : inner_(std::move(inner)), delay_(delay) {}

LateChargeProcessor::~LateChargeProcessor() {
    std::lock_guard lock(mu_);
    for (std::thread& t : landing_)
        if (t.joinable()) t.join();
}

pw::Result<TokenizeResult> LateChargeProcessor::tokenize_card(const CardDetails& card) {
    return inner_->tokenize_card(card);
}

pw::Result<TokenizeResult> LateChargeProcessor::tokenize_bank(const BankDetails& bank) {
    return inner_->tokenize_bank(bank);
}

pw::Result<ChargeOutcome> LateChargeProcessor::charge(const ChargeRequest& request) {
    {
        std::lock_guard lock(mu_);
        landing_.emplace_back([this, request] {
            std::this_thread::sleep_for(delay_);
            (void)inner_->charge(request);
        });
    }
    return pw::Result<ChargeOutcome>::failure("processor_unavailable", "",
                                              "The charge call timed out (test fault).");
}

pw::Result<std::optional<ChargeOutcome>> LateChargeProcessor::lookup(std::string_view key) {
    return inner_->lookup(key);
}

pw::Result<RefundOutcome> LateChargeProcessor::refund(const RefundCall& request) { return inner_->refund(request); }

pw::Result<std::optional<RefundOutcome>> LateChargeProcessor::lookup_refund(std::string_view key) {
    return inner_->lookup_refund(key);
}

pw::Result<std::vector<Settlement>> LateChargeProcessor::settle_due(TimePoint now) { return inner_->settle_due(now); }

std::optional<std::chrono::milliseconds> late_charge_delay_from_environment() {
    const char* env = std::getenv("PWS_CHARGE_LANDS_LATE_MS");
    if (env == nullptr || *env == '\0') return std::nullopt;
    char* end = nullptr;
    const long ms = std::strtol(env, &end, 10);
    if (end == env || *end != '\0' || ms < 0 || ms > 600000) return std::nullopt;
    return std::chrono::milliseconds(ms);
}

}  // namespace pws::faults
