// Pieces the payment steps share: the step header with "← Back", the amount
// summary, and the words for methods and bank schemes.
#include <algorithm>
#include <cstdio>
#include <string>

#include "imgui.h"
#include "paywidget/card.hpp"
#include "paywidget/partial_plan.hpp"
#include "screens.hpp"
#include "ui_form.hpp"

namespace pwui {

void draw_step_header(Ui& ui, const pw::Checkout& checkout) {
    const pw::CheckoutState& s = checkout.state();
    // Always the same height, so the step below does not jump when Back
    // becomes unavailable (submitting).
    if (checkout.can_go_back()) {
        if (back_link(ui)) ui.out.events.push_back(pw::ev::Back{});
    } else {
        gap(ui, 28);
    }
    gap(ui, 12);
    if (s.view) draw_invoice_header(ui, s.view->invoice);
}

void draw_amount_summary(Ui& ui, const pw::Checkout& checkout) {
    const pw::CheckoutState& s = checkout.state();
    if (!s.view) return;
    const pw::Invoice& inv = s.view->invoice;
    const Theme& t = ui.theme;
    Panel p = panel_begin(ui, 16);
    value_row(ui, "amount-to-pay", ui.fmt.t("widget.amount_to_pay"), ui.fmt.amount(s.amount, inv.currency), ui.fonts.strong,
              ui.fonts.strong, t.text, t.text);
    // What is left once this payment settles: the core's plan, not a
    // subtraction here.
    if (s.remaining_after > 0) {
        gap(ui, 8);
        value_row(ui, "remaining-after", ui.fmt.t("widget.remaining_after"),
                  ui.fmt.amount(s.remaining_after, inv.currency), ui.fonts.small, ui.fonts.small,
                  t.text_muted, t.text_muted);
    }
    panel_end(ui, p);
}


std::string scheme_label(const Ui& ui, pw::BankScheme s) {
    return ui.fmt.t("widget.scheme_" + std::string(pw::scheme_id(s)));
}

std::string expires_text(const Ui& ui, const pw::SavedMethod& m) {
    if (m.exp_month <= 0) return "";
    char month[4], year[4];
    std::snprintf(month, sizeof month, "%02d", m.exp_month % 100);
    std::snprintf(year, sizeof year, "%02d", m.exp_year % 100);
    return ui.fmt.t("widget.expires", {{"month", month}, {"year", year}});
}

std::string method_text(const Ui& ui, const pw::MethodSummary& m) {
    return pw::method_label(m, ui.fmt.locale());
}

}  // namespace pwui
