// The amount step: "Pay in full" or "Pay part now". The partial amount is a
// real DOM input (inputmode=decimal) parsed by the core with the locale's
// separators (ev::ChoosePartial); the core's plan (minimum, maximum, the
// last-payment rule) decides what is accepted, and its message is shown
// under the field as the payer types.
#include <algorithm>
#include <string>

#include "imgui.h"
#include "paywidget/partial_plan.hpp"
#include "screens.hpp"
#include "ui_form.hpp"

namespace pwui {

// `memory` (screen_state.hpp): the amount field takes focus once when "Pay
// part now" is chosen, and an empty-field error is shown only after the
// payer pressed Continue.
void draw_amount(Ui& ui, const pw::Checkout& checkout, AmountScreenState& memory) {
    const pw::CheckoutState& s = checkout.state();
    if (!s.view) return;
    const pw::Invoice& inv = s.view->invoice;
    const pw::PartialOptions& opt = s.view->options;
    const Theme& t = ui.theme;
    const std::string& cur = inv.currency;

    draw_step_header(ui, checkout);
    gap(ui, 24);
    heading(ui, "amount-title", ui.fonts.heading, ui.fmt.t("widget.amount_title"), 2);
    gap(ui, 16);

    if (radio_row(ui, "pay-full", "amount", ui.fmt.t("widget.pay_full"), ui.fmt.amount(inv.balance, cur), s.pay_full)) {
        if (!s.pay_full) ui.out.events.push_back(pw::ev::ChooseFull{});
        memory.continue_pressed = false;
    }
    gap(ui, 10);
    if (radio_row(ui, "pay-part", "amount", ui.fmt.t("widget.pay_part"), "", !s.pay_full)) {
        if (s.pay_full) {
            ui.out.events.push_back(pw::ev::ChoosePartial{ui.inputs.value("amount"), ui.fmt.separators()});
            memory.focus_amount_next = true;
        }
    }

    if (!s.pay_full) {
        gap(ui, 16);
        // What the payer types goes to the core on every change.
        const std::string& typed = ui.inputs.value("amount");
        if (typed != s.amount_text)
            ui.out.events.push_back(pw::ev::ChoosePartial{typed, ui.fmt.separators()});
        FieldLook look;
        look.adornment = cur;
        const bool show_error = s.amount_error && (!s.amount_text.empty() || memory.continue_pressed);
        if (show_error) {
            // The core's messages quote canonical amounts ("51.00 USD"); the
            // two about the range are said again in the payer's format.
            look.error = ui.fmt.error(s.amount_error);
            if (s.amount_error.code == "below_minimum")
                look.error = ui.fmt.t("widget.amount_at_least", {{"amount", ui.fmt.amount(opt.minimum, cur)}});
            else if (s.amount_error.code == "above_balance")
                look.error = ui.fmt.t("widget.amount_at_most", {{"amount", ui.fmt.amount(inv.balance, cur)}});
        }
        look.hint = ui.fmt.t("widget.amount_range", {{"minimum", ui.fmt.amount(opt.minimum, cur)},
                                                      {"maximum", ui.fmt.amount(opt.maximum_partial, cur)}});
        text_field(ui, TextFieldSpec{"amount", ui.fmt.t("widget.amount_label"), "off", "decimal", "text", 24}, look);
        if (show_error) {
            // The range stays visible next to the error.
            gap(ui, 4);
            text(ui, ui.fonts.small, t.text_muted, look.hint, Align::left, "amount-range");
        }
        if (memory.focus_amount_next) {
            ui.inputs.focus("amount");
            memory.focus_amount_next = false;
        }
        // The checkout's plan for this amount, not a subtraction here.
        if (!s.amount_error && s.amount > 0 && s.remaining_after > 0) {
            gap(ui, 12);
            value_row(ui, "remaining-after", ui.fmt.t("widget.remaining_balance"), ui.fmt.amount(s.remaining_after, cur),
                      ui.fonts.body, ui.fonts.body, t.text_muted, t.text);
        }
    }

    gap(ui, 16);
    notice(ui, "partial-terms", NoticeKind::info, "", ui.fmt.t("widget.partial_terms"));
    gap(ui, 24);
    bool go = button(ui, "continue", ui.fmt.t("widget.continue"), ButtonKind::primary);
    if (!s.pay_full && ui.inputs.take_enter("amount")) go = true;
    if (go) {
        memory.continue_pressed = !s.pay_full;
        // The core refuses an invalid amount (and says why), so an early
        // Continue is safe; it just does not move on.
        ui.out.events.push_back(pw::ev::Continue{});
    }
}

}  // namespace pwui
