// The live confirmation: amount paid, the method (brand •••• last4), the
// remaining balance, the receipt link and, after a partial payment, when and
// how to pay the rest ("Pay the remaining balance" starts over on the
// server's view of what is left). A bank debit is "processing" until it
// settles and says so: no green check, "Amount submitted", the core's
// sentence (days to settle, reserved, what a return means).
#include <optional>
#include <string>

#include "imgui.h"
#include "paywidget/accepted_methods.hpp"
#include "paywidget/bank_settlement.hpp"
#include "paywidget/url.hpp"
#include "screens.hpp"
#include "ui_form.hpp"

namespace pwui {

namespace {

// The scheme's settlement days (the core's rule) for the debit's scheme id.
int processing_days(const pw::MethodSummary& method) {
    const std::optional<pw::BankScheme> scheme = pw::bank_scheme_from_id(method.brand);
    return pw::settlement_business_days(scheme.value_or(pw::BankScheme::pad));
}

}  // namespace

void draw_succeeded(Ui& ui, const pw::Checkout& checkout) {
    const pw::CheckoutState& s = checkout.state();
    if (!s.view || !s.result) return;
    const pw::Invoice& inv = s.view->invoice;
    const pw::PaymentResponse& r = *s.result;
    const Theme& t = ui.theme;
    const std::string& cur = r.payment.currency.empty() ? inv.currency : r.payment.currency;
    const bool processing = r.payment.status == pw::PaymentStatus::processing;

    // Card data has no business on this screen, nor in the hidden inputs.
    clear_payment_inputs(ui);

    // The green check means paid: a debit that is processing is not, yet.
    if (!processing) {
        success_mark(ui, 44);
        gap(ui, 16);
    }
    const std::string& paid = ui.fmt.amount(r.payment.amount, cur);
    heading(ui, "result-title", ui.fonts.heading,
            ui.fmt.t(processing ? "widget.debit_submitted" : "widget.payment_successful"), 1);
    gap(ui, 8);
    text(ui, ui.fonts.body, t.text_muted,
         processing ? pw::processing_text(paid, processing_days(r.payment.method), ui.fmt.locale())
                    : ui.fmt.t("widget.thanks", {{"practitioner", inv.practitioner.name}, {"amount", paid}}),
         Align::left, "result-text");
    gap(ui, 24);

    Panel p = panel_begin(ui, 16);
    auto row = [&](const char* id, const std::string& label, const std::string& value, bool first = false) {
        if (!first) gap(ui, 10);
        value_row(ui, id, label, value, ui.fonts.body, ui.fonts.body, t.text_muted, t.text);
    };
    if (processing) {
        row("paid-amount", ui.fmt.t("widget.amount_submitted"), paid, true);
        row("paid-status", ui.fmt.t("widget.status"), ui.fmt.t("widget.status_processing"));
        row("paid-method", ui.fmt.t("widget.debited_from"), method_text(ui, r.payment.method));
    } else {
        row("paid-amount", ui.fmt.t("widget.amount_paid"), paid, true);
        row("paid-method", ui.fmt.t("widget.paid_with"), method_text(ui, r.payment.method));
    }
    row("paid-invoice", ui.fmt.t("widget.invoice"), inv.number);
    gap(ui, 14);
    divider(ui);
    gap(ui, 14);
    value_row(ui, "remaining-balance", ui.fmt.t("widget.remaining_balance"), ui.fmt.amount(r.invoice.balance, cur), ui.fonts.strong,
              ui.fonts.strong, t.text, t.text);
    panel_end(ui, p);

    // receipt_url is the API's (it needs the link or the session); the
    // payer gets the payment host's receipt page, in a new tab.
    if (!r.receipt_url.empty() && !ui.receipt_base.empty()) {
        gap(ui, 16);
        link(ui, "receipt", ui.fmt.t("widget.view_receipt"), ui.receipt_base + pw::percent_encode(r.payment.id), ui.fonts.body,
             Align::left, true);
    }

    gap(ui, 24);
    if (r.invoice.balance > 0) {
        const std::string& rest = ui.fmt.amount(r.invoice.balance, cur);
        const bool portal = s.view->session == pw::SessionKind::portal;
        notice(ui, "pay-rest", NoticeKind::info, ui.fmt.t("widget.paying_rest"),
               ui.fmt.t(portal ? "widget.pay_rest_portal" : "widget.pay_rest_link",
                        {{"amount", rest}, {"date", ui.fmt.date(inv.due_date)}}));
        if (checkout.can_pay_remainder()) {
            gap(ui, 16);
            if (button(ui, "pay-remainder", ui.fmt.t("widget.pay_remainder", {{"amount", rest}}), ButtonKind::secondary))
                ui.out.events.push_back(pw::ev::PayRemainder{});
        }
    } else if (!processing && r.invoice.status == pw::InvoiceStatus::paid) {
        text(ui, ui.fonts.body, t.text_muted, ui.fmt.t("widget.paid_in_full"), Align::left, "paid-in-full");
    } else if (!processing && r.invoice.status == pw::InvoiceStatus::processing) {
        // The rest is an earlier bank debit that has not settled: nothing
        // is due, but the invoice is not paid in full yet.
        text(ui, ui.fonts.body, t.text_muted, ui.fmt.t("widget.processing_rest"), Align::left, "processing-rest");
    }
    gap(ui, 28);
    divider(ui);
    gap(ui, 20);
    draw_contact(ui, inv.practitioner, ui.fmt.t("widget.questions_payment"));
}

}  // namespace pwui
