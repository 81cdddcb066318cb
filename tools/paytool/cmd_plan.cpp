// paytool plan: one amount in minor units per line -> the plan for it, and
// --options: what a UI would offer for the invoice.
#include <charconv>
#include <cstdint>

#include "commands.hpp"
#include "paywidget/partial_plan.hpp"

namespace paytool {

namespace {

// Strict: an optional '-' and ASCII digits, nothing else (no spaces, no
// decimals: the amount is already in minor units).
pw::Result<std::int64_t> parse_minor_units(std::string_view line) {
    using R = pw::Result<std::int64_t>;
    const std::string_view digits = line.substr(!line.empty() && line[0] == '-' ? 1 : 0);
    bool all_digits = !digits.empty();
    for (char c : digits) all_digits = all_digits && c >= '0' && c <= '9';
    if (!all_digits) {
        return R::failure("invalid_amount", "amount",
                          "Enter the amount as a whole number of minor units, such as 2500.");
    }
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), value);
    if (ec != std::errc() || end != line.data() + line.size()) {
        return R::failure("amount_too_large", "amount", "The amount is too large.");
    }
    return R::success(value);
}

}  // namespace

nlohmann::json plan_line(std::string_view line, const pw::Invoice& invoice) {
    nlohmann::json out = {{"input", std::string(line)}, {"ok", false}, {"kind", nullptr},
                          {"remaining_after", nullptr}, {"error", nullptr}};
    auto amount = parse_minor_units(line);
    if (!amount) {
        out["error"] = error_json(amount.error);
        return out;
    }
    auto plan = pw::plan_payment(invoice, amount.value);
    if (!plan) {
        out["error"] = error_json(plan.error);
        return out;
    }
    out["ok"] = true;
    out["kind"] = std::string(pw::plan_kind_id(plan.value.kind));
    out["remaining_after"] = plan.value.remaining_after;
    return out;
}

nlohmann::json plan_options(const pw::Invoice& invoice) {
    const pw::PlanOptions o = pw::plan_options(invoice);
    auto or_null = [](const std::string& s) {
        return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
    };
    return {{"currency", o.currency},
            {"balance", o.balance},
            {"payments_left", o.payments_left},
            {"payable", o.payable},
            {"not_payable_reason", or_null(o.not_payable_reason)},
            {"partial_allowed", o.partial_allowed},
            {"full_only", o.full_only},
            {"full_only_reason", or_null(o.full_only_reason)},
            {"minimum", o.payable ? nlohmann::json(o.minimum) : nlohmann::json(nullptr)},
            {"maximum_partial",
             o.partial_allowed ? nlohmann::json(o.maximum_partial) : nlohmann::json(nullptr)}};
}

}  // namespace paytool
