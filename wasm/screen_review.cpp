// The invoice review (the amount due, "Pay Now", then the lines) and the
// nothing-due screen. Every amount is
// the core's exact integer, formatted for display only (LocaleFormat).
#include <string>

#include "imgui.h"
#include "paywidget/bank_settlement.hpp"
#include "paywidget/fx.hpp"
#include "paywidget/money.hpp"
#include "paywidget/statement.hpp"
#include "screens.hpp"

namespace pwui {

namespace {

// Items, totals, payments and the balance, in a panel.
void draw_breakdown(Ui& ui, const pw::Invoice& inv) {
    const Theme& t = ui.theme;
    const std::string& cur = inv.currency;
    auto money = [&](std::int64_t minor) -> const std::string& { return ui.fmt.amount(minor, cur); };
    Panel p = panel_begin(ui, 16);
    // The rows are the core's (statement.hpp): the same as the pages and
    // the invoice email show.
    const pw::Statement statement = pw::statement_rows(inv);
    for (std::size_t i = 0; i < statement.lines.size(); ++i) {
        const pw::StatementLine& item = statement.lines[i];
        const std::string id = "item-" + std::to_string(i);
        if (i) gap(ui, 12);
        value_row(ui, id, item.description, money(item.amount), ui.fonts.body, ui.fonts.body, t.text, t.text);
        std::string detail;
        if (item.quantity != 1) detail = std::to_string(item.quantity) + " \xC3\x97 " + money(item.unit_amount);
        if (item.tax > 0) detail += (detail.empty() ? "" : "  \xC2\xB7  ") + std::string("Tax ") + money(item.tax);
        if (!detail.empty()) {
            gap(ui, 4);
            text(ui, ui.fonts.small, t.text_muted, detail, Align::left, id + "-detail");
        }
    }
    gap(ui, 14);
    divider(ui);
    gap(ui, 14);
    auto row = [&](const char* id, const std::string& label, const std::string& value, bool first = false) {
        if (!first) gap(ui, 8);
        value_row(ui, id, label, value, ui.fonts.body, ui.fonts.body, t.text_muted, t.text);
    };
    for (const pw::StatementTotal& total : statement.totals) {
        const std::string value =
            total.amount < 0 ? "\xE2\x88\x92" + money(-total.amount) : std::string(money(total.amount));
        row(std::string(total.id).c_str(), std::string(total.label), value, &total == &statement.totals.front());
    }
    for (std::size_t i = 0; i < inv.payments.size(); ++i) {
        const pw::AppliedPayment& pay = inv.payments[i];
        // A debit not yet settled was submitted, not paid.
        std::string label = (pay.processing ? "Submitted " : "Paid ") + ui.fmt.date(pay.date);
        if (!pay.method.empty()) label += "  \xC2\xB7  " + pay.method;
        row(("payment-" + std::to_string(i)).c_str(), label, "\xE2\x88\x92" + money(pay.amount));
    }
    row("amount-paid", "Amount paid", money(inv.amount_paid));
    if (inv.amount_processing > 0)
        row("amount-processing", std::string(pw::processing_total_label()), money(inv.amount_processing));
    if (inv.refunded > 0) row("refunded", "Refunded as credit", money(inv.refunded));
    gap(ui, 14);
    divider(ui);
    gap(ui, 14);
    value_row(ui, "balance", "Balance due", money(inv.balance), ui.fonts.strong, ui.fonts.strong, t.text, t.text);
    panel_end(ui, p);
}

void draw_fx_note(Ui& ui, const pw::Invoice& inv, std::int64_t amount) {
    const pw::Result<pw::FxDisplay> fx = pw::fx_display(inv, amount);
    if (!fx.ok()) return;
    gap(ui, 12);
    const std::string note = "Charged in " + inv.currency + ". For reference: " + fx.value.note +
                             " (rate set by " + inv.practitioner.name + ").";
    text(ui, ui.fonts.small, ui.theme.text_muted, note, Align::left, "fx-note");
}

}  // namespace

void draw_review(Ui& ui, const pw::Checkout& checkout) {
    const pw::CheckoutState& s = checkout.state();
    if (!s.view) return;
    const pw::Invoice& inv = s.view->invoice;
    const Theme& t = ui.theme;

    draw_invoice_header(ui, inv);
    gap(ui, 24);
    text(ui, ui.fonts.small, t.text_muted, "Amount due");
    gap(ui, 6);
    const std::string& due = ui.fmt.amount(inv.balance, inv.currency);
    heading(ui, "amount-due", ui.fonts.amount, due, 2, "Amount due: " + due);
    gap(ui, 6);
    text(ui, ui.fonts.small, t.text_muted, "Due " + ui.fmt.date(inv.due_date), Align::left, "due-date");
    draw_fx_note(ui, inv, inv.balance);
    // The action right under the amount it pays, the lines after it: on a
    // phone (or a narrow embed) Pay Now is on the first screen however
    // long the invoice is.
    gap(ui, 24);
    if (button(ui, "pay-now", "Pay Now", ButtonKind::primary)) ui.out.events.push_back(pw::ev::Continue{});
    if (s.view->options.partial_allowed) {
        gap(ui, 12);
        text(ui, ui.fonts.small, t.text_muted,
             "You can pay part now and the rest later \xE2\x80\x94 no interest or late fees.", Align::center,
             "partial-note");
    }
    gap(ui, 24);
    draw_breakdown(ui, inv);
    gap(ui, 28);
    divider(ui);
    gap(ui, 20);
    draw_contact(ui, inv.practitioner, "Questions about this invoice?");
}

void draw_nothing_due(Ui& ui, const pw::Checkout& checkout) {
    const pw::CheckoutState& s = checkout.state();
    if (!s.view) return;
    const pw::Invoice& inv = s.view->invoice;
    draw_invoice_header(ui, inv);
    gap(ui, 24);
    const bool void_ = inv.status == pw::InvoiceStatus::void_;
    // Covered, but a bank debit has not settled: nothing is due, yet it is
    // not paid (the core's sentence says when, and what a return means).
    const bool processing = inv.status == pw::InvoiceStatus::processing;
    heading(ui, "nothing-due", ui.fonts.heading,
            void_ ? "This invoice was voided" : processing ? "Bank debit processing" : "This invoice is paid", 2);
    gap(ui, 8);
    text(ui, ui.fonts.body, ui.theme.text_muted,
         void_        ? std::string("There is nothing to pay. Contact your practitioner if you have questions.")
         : processing ? pw::processing_text(ui.fmt.amount(inv.amount_processing, inv.currency),
                                            pw::settlement_business_days(inv.accepted))
                      : std::string("Nothing is left to pay. Thank you!"),
         Align::left, "nothing-due-text");
    gap(ui, 24);
    draw_breakdown(ui, inv);
    gap(ui, 28);
    draw_contact(ui, inv.practitioner, "Questions about this invoice?");
}

}  // namespace pwui
