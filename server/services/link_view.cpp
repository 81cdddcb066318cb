#include "services/link_view.hpp"

#include "paywidget/mandate_text.hpp"
#include "paywidget/partial_plan.hpp"

namespace pws {

std::string receipt_path(std::string_view payment_id) {
    return "/api/v1/receipts/" + std::string(payment_id);
}

std::string latest_receipt_path(const InvoiceView& view) {
    std::string path;
    for (const PaymentRecord& p : view.payments)  // oldest first: the last wins
        if (p.state == PaymentState::succeeded || p.state == PaymentState::processing) path = receipt_path(p.id);
    return path;
}

pw::Result<pw::LinkView> build_link_view(ReadTxn& t, const InvoiceView& view, const Client* portal_client,
                                         pw::Date today, std::string_view locale) {
    using R = pw::Result<pw::LinkView>;
    pw::LinkView v;
    v.today = today;
    v.invoice = view.invoice;
    v.session = portal_client ? pw::SessionKind::portal : pw::SessionKind::link;

    const pw::PlanOptions plan = pw::plan_options(view.invoice, pw::payment_progress(view.invoice));
    v.payable = plan.payable;
    v.options.partial_allowed = plan.partial_allowed;
    v.options.minimum = plan.minimum;
    v.options.maximum_partial = plan.maximum_partial;
    v.options.payments_left = plan.payments_left;

    if (portal_client) {
        Result<std::vector<SavedMethodRecord>> saved = t.saved_methods(portal_client->id);
        if (!saved.ok()) return R::failure(saved.error);
        for (const SavedMethodRecord& m : saved.value) {
            if (m.practice_id != view.record.practice_id) continue;
            pw::SavedMethod s;
            s.id = m.id;
            s.method = pw::MethodSummary{m.kind, m.brand, m.last4};
            s.exp_month = m.exp_month;
            s.exp_year = m.exp_year;
            v.saved_methods.push_back(std::move(s));
        }
        v.can_save_method = view.invoice.accepted.card;
    }
    for (pw::BankScheme s : view.invoice.accepted.bank_debit)
        v.mandates.push_back(pw::mandate_text(s, locale, view.invoice.practitioner.name));
    v.receipt_url = latest_receipt_path(view);
    return R::success(std::move(v));
}

pw::Result<pw::LinkView> client_invoice_view(ReadTxn& t, const Client& client, const std::string& invoice_id,
                                             pw::Date today, std::string_view locale) {
    auto v = t.invoice_view(invoice_id);
    if (!v) return pw::Result<pw::LinkView>::failure(v.error);
    if (v.value.record.client_id != client.id) return pw::Result<pw::LinkView>::failure(pw::make_error("not_found", "", ""));
    auto built = build_link_view(t, v.value, &client, today, locale);
    if (!built) return built;
    built.value.session = pw::SessionKind::portal;
    return built;
}

}  // namespace pws
