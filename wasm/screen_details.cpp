// The details step and what happens on it: the card or bank form (or the
// chosen saved card), the Submit button, the spinner while the payment is
// in flight (stage submitting: same layout, inputs locked), and a decline
// (stage declined: the reason and what to do above the form, everything
// still filled in, "Try again").
#include <cstdio>
#include <string>

#include "imgui.h"
#include "paywidget/card.hpp"
#include "paywidget/payment_form.hpp"
#include "screens.hpp"
#include "ui_form.hpp"

namespace pwui {

namespace {

void draw_decline(Ui& ui, const pw::CheckoutState& s) {
    const bool bank = s.method && s.method->kind == pw::ChoiceKind::bank_debit;
    std::string message = s.decline.message;
    if (message.empty())
        message = bank ? "Your bank did not accept this debit. Contact your bank, or pay another way."
                       : "Your card was declined. Contact your bank or card issuer, or try another card.";
    notice(ui, "decline", NoticeKind::danger, bank ? "Your bank declined this debit" : "Your payment was declined",
           message);
    if (!bank && message.find("HSA") == std::string::npos) {
        gap(ui, 8);
        text(ui, ui.fonts.small, ui.theme.text_muted,
             "Using an HSA or FSA card? If it doesn\xE2\x80\x99t go through, contact your practitioner.", Align::left,
             "hsa-hint");
    }
}

void draw_saved_card(Ui& ui, const pw::CheckoutState& s) {
    const pw::SavedMethod* m = nullptr;
    for (const pw::SavedMethod& x : s.view->saved_methods)
        if (s.method && x.id == s.method->saved_id) m = &x;
    if (!m) return;
    char exp[24] = "";
    if (m->exp_month > 0) std::snprintf(exp, sizeof exp, "Expires %02d/%02d", m->exp_month, m->exp_year % 100);
    Panel p = panel_begin(ui, 16);
    value_row(ui, "saved-card", pw::method_label(m->method), exp, ui.fonts.strong, ui.fonts.body, ui.theme.text,
              ui.theme.text_muted);
    panel_end(ui, p);
}

}  // namespace

void draw_details(Ui& ui, const pw::Checkout& checkout) {
    const pw::CheckoutState& s = checkout.state();
    if (!s.view || !s.method) return;
    const bool locked = checkout.is_locked();

    draw_step_header(ui, checkout);
    gap(ui, 24);
    if (s.stage == pw::Stage::declined) {
        draw_decline(ui, s);
        gap(ui, 20);
    }
    draw_amount_summary(ui, checkout);
    gap(ui, 24);

    switch (s.method->kind) {
        case pw::ChoiceKind::new_card:
            heading(ui, "details-title", ui.fonts.heading, "Card details", 2);
            gap(ui, 16);
            draw_card_form(ui, checkout, locked);
            break;
        case pw::ChoiceKind::bank_debit:
            heading(ui, "details-title", ui.fonts.heading, scheme_label(s.method->scheme), 2);
            gap(ui, 16);
            draw_bank_form(ui, checkout, locked);
            break;
        case pw::ChoiceKind::saved_card:
            heading(ui, "details-title", ui.fonts.heading, "Pay with your saved card", 2);
            gap(ui, 16);
            draw_saved_card(ui, s);
            break;
    }

    // A server refusal that no field on the form can show (a used or expired
    // token, a saved card no longer on file).
    if (s.stage == pw::Stage::details && s.details_error && !pw::is_form_field(s.details_error.field)) {
        gap(ui, 20);
        notice(ui, "details-error", NoticeKind::danger, "", s.details_error.message);
    }

    gap(ui, 24);
    if (s.stage == pw::Stage::submitting) {
        busy_button(ui, "submit", "Processing\xE2\x80\xA6");
        gap(ui, 12);
        text(ui, ui.fonts.small, ui.theme.text_muted, "Please keep this page open.", Align::center, "submit-wait");
        return;
    }
    const bool ready = checkout.can_submit();
    // The button says how much; while it is disabled, the sentence under it
    // says what is missing (and is its accessible description).
    const std::string pay = "Pay " + ui.fmt.amount(s.amount, s.view->invoice.currency);
    const std::string hint = checkout.submit_hint();
    bool submit = button(ui, "submit", s.stage == pw::Stage::declined ? "Try again: " + pay : pay, ButtonKind::primary,
                         ready, hint.empty() ? "" : "submit-hint");
    if (!hint.empty()) {
        gap(ui, 10);
        text(ui, ui.fonts.body, ui.theme.text_muted, hint, Align::center, "submit-hint");
    }
    // Enter in any field submits once the form is complete; a second Enter
    // (or a double click) is ignored by the checkout while submitting.
    for (std::string_view id : pw::all_form_fields())
        if (ui.inputs.take_enter(std::string(id)) && ready) submit = true;
    if (submit) ui.out.events.push_back(pw::ev::Submit{});
}

}  // namespace pwui
