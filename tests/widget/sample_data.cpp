// See sample_data.hpp.
#include "sample_data.hpp"

#include <utility>

#include "paywidget/decline.hpp"
#include "paywidget/partial_plan.hpp"

namespace pwtest {

pw::Invoice sample_invoice(bool partial, std::vector<pw::BankScheme> banks, std::vector<std::int64_t> paid) {
    pw::Invoice inv;
    inv.id = "inv_1";
    inv.number = "INV-0042";
    inv.currency = "USD";
    inv.issue_date = {2025, 1, 10};
    inv.due_date = {2025, 2, 10};
    inv.practitioner = {"Dr. Ada Lovelace", "ada@practice.example", "+1 555 0100"};
    inv.client = {"Grace Hopper", "grace@example.com", ""};
    inv.items.push_back({"Initial consultation", 1, 15000, 0});
    inv.items.push_back({"Follow-up", 1, 5000, 0});
    for (std::size_t i = 0; i < paid.size(); ++i)
        inv.payments.push_back(
            {"pay_" + std::to_string(i), paid[i], pw::Date{2025, 1, 12}, "visa \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 4242"});
    inv.partial.enabled = partial;
    inv.partial.minimum_kind = pw::MinimumKind::percent;
    inv.partial.minimum_bps = 2500;
    inv.accepted.card = true;
    inv.accepted.bank_debit = std::move(banks);
    // The totals, balance and status are the core's (like the server's).
    const pw::Result<pw::Invoice> r = pw::recompute_totals(inv);
    return r.ok() ? r.value : inv;
}

pw::LinkView sample_view(const pw::Invoice& inv, pw::SessionKind session) {
    pw::LinkView v;
    v.invoice = inv;
    v.session = session;
    const pw::PlanOptions o = pw::plan_options(inv);
    v.payable = o.payable;
    v.options = {o.partial_allowed, o.minimum, o.maximum_partial, o.payments_left};
    for (pw::BankScheme s : inv.accepted.bank_debit)
        v.mandates.push_back({s, std::string(pw::scheme_id(s)) + "-2025-01",
                              "I authorize Dr. Ada Lovelace to debit my account for this payment."});
    if (session == pw::SessionKind::portal) {
        v.saved_methods.push_back({"pm_1", {pw::MethodType::card, "mastercard", "4444"}, 12, 2030});
        v.can_save_method = true;
    }
    // The server's date is fixed so expiry checks (tests type 12/34, and
    // 01/25 must read as expired) never depend on the day the tests run.
    v.today = kSampleToday;
    return v;
}

pw::TokenResponse card_token(const std::string& token, const std::string& brand, const std::string& last4) {
    return {token, {pw::MethodType::card, brand, last4}, 12, 2034};
}

pw::PaymentResponse payment_response(const pw::effect::SendPayment& sent, pw::PaymentStatus status,
                                     std::int64_t balance_after, int payments_left, const std::string& brand,
                                     const std::string& last4, const std::string& decline_code) {
    pw::PaymentResponse r;
    r.payment.id = "pay_" + sent.key;
    r.payment.invoice_id = sent.invoice_id;
    r.payment.status = status;
    r.payment.amount = sent.request.amount;
    r.payment.currency = sent.request.currency;
    r.payment.method = {pw::MethodType::card, brand, last4};
    r.payment.created_at = "2025-01-15T09:30:00Z";
    if (!decline_code.empty())
        r.payment.decline = pw::to_decline(pw::advise_decline(decline_code, pw::MethodType::card));
    r.invoice = {sent.invoice_id, balance_after,
                 balance_after == 0 ? pw::InvoiceStatus::paid : pw::InvoiceStatus::partially_paid, payments_left};
    if (status == pw::PaymentStatus::succeeded) r.receipt_url = "/api/v1/receipts/" + r.payment.id;
    return r;
}

pw::ApiError link_expired_error() {
    pw::ApiError e;
    e.code = "link_expired";
    e.message = "This payment link has expired. Ask your practitioner for a new one.";
    e.practitioner = pw::Contact{"Dr. Ada Lovelace", "ada@practice.example", "+1 555 0100"};
    return e;
}

pw::ApiError login_required_error() {
    pw::ApiError e;
    e.code = "login_required";
    e.message = "This invoice is in your client portal. Sign in to pay it.";
    e.login_url = "/portal/login?next=%2Fportal%2Finvoices%2Finv_1";
    return e;
}

}  // namespace pwtest
