#include "services/api_records.hpp"

#include <cstdio>

#include "paywidget/decline.hpp"
#include "paywidget/partial_plan.hpp"

namespace pws::rec {

std::string format_instant(UnixTime t) {
    std::int64_t days = t / 86400;
    std::int64_t secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        days -= 1;
    }
    const pw::Date d = pw::civil_from_days(days);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day,
                  static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
    return buf;
}

pw::PaymentResult payment_result(const PaymentRecord& p, const std::vector<RefundRecord>& refunds,
                                 Audience audience) {
    pw::PaymentResult out;
    out.id = p.id;
    out.invoice_id = p.invoice_id;
    out.amount = p.amount;
    out.currency = p.currency;
    out.method = pw::MethodSummary{p.method_type, p.method_brand, p.method_last4};
    out.created_at = format_instant(p.created_at);
    switch (p.state) {
        case PaymentState::succeeded: out.status = pw::PaymentStatus::succeeded; break;
        case PaymentState::reserved:
        case PaymentState::processing: out.status = pw::PaymentStatus::processing; break;
        case PaymentState::declined: out.status = pw::PaymentStatus::declined; break;
        case PaymentState::failed:
        case PaymentState::returned:
        case PaymentState::released: out.status = pw::PaymentStatus::failed; break;
    }
    if (out.status == pw::PaymentStatus::declined || out.status == pw::PaymentStatus::failed) {
        // A release (recovery found no charge) has no code of its own: to the
        // payer it is a processing error that charged nothing.
        const std::string raw = p.decline_code.empty() ? "processing_error" : p.decline_code;
        const pw::DeclineAdvice advice = pw::advise_decline(raw, p.method_type);
        pw::Decline d = pw::to_decline(advice);
        if (audience == Audience::practitioner) d.code = raw;
        out.decline = d;
    }
    for (const RefundRecord& r : refunds)
        if (r.payment_id == p.id && r.state == RefundState::succeeded) out.refunded += r.amount;
    return out;
}

pw::Refund refund_message(const RefundRecord& r) {
    return pw::Refund{r.id, r.payment_id, r.amount, r.currency, r.reason, format_instant(r.created_at)};
}

pw::InvoiceBalance invoice_balance(const InvoiceView& view) {
    pw::InvoiceBalance b;
    b.id = view.invoice.id;
    b.balance = view.invoice.balance;
    b.status = view.invoice.status;
    b.payments_left = pw::plan_options(view.invoice).payments_left;
    return b;
}

pw::ClientInfo client_info(const Client& c) {
    return pw::ClientInfo{c.id, c.name, c.email, c.portal_activated(), c.locale};
}

pw::LinkInfo link_info(const Link& l) {
    pw::LinkInfo info;
    info.id = l.id;
    info.expires_at = format_instant(l.expires_at);
    info.revoked = l.revoked();
    return info;
}

}  // namespace pws::rec
