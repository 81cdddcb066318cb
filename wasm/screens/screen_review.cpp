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
        // One sentence per case, never pieced together.
        const pw::MessageArgs args = {{"quantity", std::to_string(item.quantity)},
                                      {"unit_amount", money(item.unit_amount)},
                                      {"amount", money(item.tax)}};
        std::string detail;
        if (item.quantity != 1 && item.tax > 0) detail = ui.fmt.t("widget.line_quantity_tax", args);
        else if (item.quantity != 1) detail = ui.fmt.t("widget.line_quantity", args);
        else if (item.tax > 0) detail = ui.fmt.t("widget.line_tax", args);
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
        row(std::string(total.id).c_str(), ui.fmt.t("statement." + std::string(total.id)), value,
            &total == &statement.totals.front());
    }
    for (std::size_t i = 0; i < inv.payments.size(); ++i) {
        const pw::AppliedPayment& pay = inv.payments[i];
        // A debit not yet settled was submitted, not paid. pay.method is the
        // server's English label (pw::method_label): shown as sent.
        const std::string date = ui.fmt.date(pay.date);
        const std::string label =
            pay.method.empty()
                ? ui.fmt.t(pay.processing ? "widget.submitted_on" : "widget.paid_on", {{"date", date}})
                : ui.fmt.t(pay.processing ? "widget.submitted_on_with" : "widget.paid_on_with",
                           {{"date", date}, {"method", pay.method}});
        row(("payment-" + std::to_string(i)).c_str(), label, "\xE2\x88\x92" + money(pay.amount));
    }
    row("amount-paid", ui.fmt.t("widget.amount_paid"), money(inv.amount_paid));
    if (inv.amount_processing > 0) row("amount-processing", pw::processing_total_label(ui.fmt.locale()), money(inv.amount_processing));
    if (inv.refunded > 0) row("refunded", ui.fmt.t("widget.refunded"), money(inv.refunded));
    gap(ui, 14);
    divider(ui);
    gap(ui, 14);
    value_row(ui, "balance", ui.fmt.t("widget.balance_due"), money(inv.balance), ui.fonts.strong, ui.fonts.strong, t.text, t.text);
    panel_end(ui, p);
}

void draw_fx_note(Ui& ui, const pw::Invoice& inv, std::int64_t amount) {
    const pw::Result<pw::FxDisplay> fx = pw::fx_display(inv, amount);
    if (!fx.ok()) return;
    gap(ui, 12);
    const std::string note = ui.fmt.t("widget.fx_note", {{"currency", inv.currency},
                                                         {"amount", fx.value.canonical},
                                                         {"settlement", fx.value.currency},
                                                         {"rate", fx.value.rate},
                                                         {"practitioner", inv.practitioner.name}});
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
    text(ui, ui.fonts.small, t.text_muted, ui.fmt.t("widget.amount_due"));
    gap(ui, 6);
    const std::string& due = ui.fmt.amount(inv.balance, inv.currency);
    heading(ui, "amount-due", ui.fonts.amount, due, 2, ui.fmt.t("widget.amount_due_name", {{"amount", due}}));
    gap(ui, 6);
    text(ui, ui.fonts.small, t.text_muted, ui.fmt.t("widget.due_date", {{"date", ui.fmt.date(inv.due_date)}}),
         Align::left, "due-date");
    draw_fx_note(ui, inv, inv.balance);
    // The action right under the amount it pays, the lines after it: on a
    // phone (or a narrow embed) Pay Now is on the first screen however
    // long the invoice is.
    gap(ui, 24);
    if (button(ui, "pay-now", ui.fmt.t("widget.pay_now"), ButtonKind::primary)) ui.out.events.push_back(pw::ev::Continue{});
    if (s.view->options.partial_allowed) {
        gap(ui, 12);
        text(ui, ui.fonts.small, t.text_muted, ui.fmt.t("widget.partial_note"), Align::center, "partial-note");
    }
    gap(ui, 24);
    draw_breakdown(ui, inv);
    gap(ui, 28);
    divider(ui);
    gap(ui, 20);
    draw_contact(ui, inv.practitioner, ui.fmt.t("widget.questions_invoice"));
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
            ui.fmt.t(void_ ? "widget.voided_title" : processing ? "widget.processing_title" : "widget.paid_title"), 2);
    gap(ui, 8);
    text(ui, ui.fonts.body, ui.theme.text_muted,
         void_        ? ui.fmt.t("widget.voided_text")
         : processing ? pw::processing_text(ui.fmt.amount(inv.amount_processing, inv.currency),
                                            pw::settlement_business_days(inv.accepted), ui.fmt.locale())
                      : ui.fmt.t("widget.paid_text"),
         Align::left, "nothing-due-text");
    gap(ui, 24);
    draw_breakdown(ui, inv);
    gap(ui, 28);
    draw_contact(ui, inv.practitioner, ui.fmt.t("widget.questions_invoice"));
}

}  // namespace pwui
