// The details step and what happens on it: the card or bank form (or the
// chosen saved card), the Submit button, the spinner while the payment is
// in flight (stage submitting: same layout, inputs locked), and a decline
// (stage declined: the reason and what to do above the form, everything
// still filled in, "Try again").
#include <string>

#include "imgui.h"
#include "paywidget/card.hpp"
#include "paywidget/decline.hpp"
#include "paywidget/payment_form.hpp"
#include "screens.hpp"
#include "ui_form.hpp"

namespace pwui {

namespace {

void draw_decline(Ui& ui, const pw::CheckoutState& s) {
    const bool bank = s.method && s.method->kind == pw::ChoiceKind::bank_debit;
    // The decline's code says it in the payer's language (the server's
    // message is the catalogue's English).
    std::string message =
        s.decline.code.empty()
            ? std::string()
            : pw::decline_text(ui.fmt.locale(), s.decline.code,
                               bank ? pw::MethodType::bank_debit : pw::MethodType::card);
    if (message.empty())
        message = ui.fmt.t(bank ? "widget.decline_bank_default" : "widget.decline_card_default");
    notice(ui, "decline", NoticeKind::danger,
           ui.fmt.t(bank ? "widget.decline_bank_title" : "widget.decline_card_title"), message);
    // The generic decline already names HSA/FSA cards.
    if (!bank && s.decline.code != "generic_decline" && s.decline.code != "card_not_supported") {
        gap(ui, 8);
        text(ui, ui.fonts.small, ui.theme.text_muted, ui.fmt.t("widget.hsa_hint"), Align::left, "hsa-hint");
    }
}

void draw_saved_card(Ui& ui, const pw::CheckoutState& s) {
    const pw::SavedMethod* m = nullptr;
    for (const pw::SavedMethod& x : s.view->saved_methods)
        if (s.method && x.id == s.method->saved_id) m = &x;
    if (!m) return;
    const std::string exp = expires_text(ui, *m);
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
            heading(ui, "details-title", ui.fonts.heading, ui.fmt.t("widget.card_details"), 2);
            gap(ui, 16);
            draw_card_form(ui, checkout, locked);
            break;
        case pw::ChoiceKind::bank_debit:
            heading(ui, "details-title", ui.fonts.heading, scheme_label(ui, s.method->scheme), 2);
            gap(ui, 16);
            draw_bank_form(ui, checkout, locked);
            break;
        case pw::ChoiceKind::saved_card:
            heading(ui, "details-title", ui.fonts.heading, ui.fmt.t("widget.saved_card_title"), 2);
            gap(ui, 16);
            draw_saved_card(ui, s);
            break;
    }

    // A server refusal that no field on the form can show (a used or expired
    // token, a saved card no longer on file).
    if (s.stage == pw::Stage::details && s.details_error && !pw::is_form_field(s.details_error.field)) {
        gap(ui, 20);
        notice(ui, "details-error", NoticeKind::danger, "", ui.fmt.error(s.details_error));
    }

    gap(ui, 24);
    if (s.stage == pw::Stage::submitting) {
        busy_button(ui, "submit", ui.fmt.t("widget.processing"));
        gap(ui, 12);
        text(ui, ui.fonts.small, ui.theme.text_muted, ui.fmt.t("widget.keep_open"), Align::center, "submit-wait");
        return;
    }
    const bool ready = checkout.can_submit();
    // The button says how much; while it is disabled, the sentence under it
    // says what is missing (and is its accessible description).
    const pw::MessageArgs pay = {{"amount", ui.fmt.amount(s.amount, s.view->invoice.currency)}};
    const std::string hint = checkout.submit_hint(ui.fmt.locale());
    bool submit = button(ui, "submit", ui.fmt.t(s.stage == pw::Stage::declined ? "widget.try_again_pay" : "widget.pay_amount", pay), ButtonKind::primary,
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
