// What the API says instead of an invoice: an expired, revoked or unknown
// link, a portal account that must sign in, or a load that failed. The
// message is the server's own (one sentence for the payer); the screen adds
// a title and the way forward.
#include <string>

#include "imgui.h"
#include "screens.hpp"

namespace pwui {

void draw_link_problem(Ui& ui, const pw::Checkout& checkout) {
    const pw::CheckoutState& s = checkout.state();
    const Theme& t = ui.theme;
    const char* title = "We couldn\xE2\x80\x99t load this invoice";
    switch (s.stage) {
        case pw::Stage::link_expired: title = "This payment link has expired"; break;
        case pw::Stage::link_revoked: title = "This payment link is no longer active"; break;
        case pw::Stage::link_unknown: title = "We couldn\xE2\x80\x99t find this payment link"; break;
        default: break;
    }
    heading(ui, "problem-title", ui.fonts.heading, title, 1);
    gap(ui, 10);
    std::string message = s.load_error.message;
    if (message.empty()) message = "Please try again in a moment.";
    text(ui, ui.fonts.body, t.text_muted, message, Align::left, "problem-message");
    if (s.stage == pw::Stage::load_failed) {
        gap(ui, 24);
        if (button(ui, "try-again", "Try again", ButtonKind::primary)) ui.out.events.push_back(pw::ev::Reload{});
        return;
    }
    if (s.load_error.practitioner) {
        gap(ui, 24);
        Panel p = panel_begin(ui, 16);
        draw_contact(ui, *s.load_error.practitioner, "Ask for a new payment link");
        panel_end(ui, p);
    }
}

void draw_login_required(Ui& ui, const pw::Checkout& checkout) {
    const pw::CheckoutState& s = checkout.state();
    heading(ui, "login-title", ui.fonts.heading, "Sign in to pay this invoice", 1);
    gap(ui, 10);
    std::string message = s.load_error.message;
    if (message.empty()) message = "This invoice belongs to a client portal account. Sign in to the portal to pay it.";
    text(ui, ui.fonts.body, ui.theme.text_muted, message, Align::left, "login-message");
    gap(ui, 24);
    const std::string& url = s.load_error.login_url;
    if (button(ui, "sign-in", "Sign in", ButtonKind::primary, !url.empty())) ui.out.navigate_to = url;
}

}  // namespace pwui
