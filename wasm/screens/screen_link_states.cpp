// What the API says instead of an invoice: an expired, revoked or unknown
// link, a portal account that must sign in, or a load that failed. The
// message is the server's own (one sentence for the payer); the screen adds
// a title and the way forward.
#include <string>

#include "imgui.h"
#include "paywidget/decline.hpp"
#include "screens.hpp"

namespace pwui {

void draw_link_problem(Ui& ui, const pw::Checkout& checkout) {
    const pw::CheckoutState& s = checkout.state();
    const Theme& t = ui.theme;
    const char* title = "widget.load_failed_title";
    switch (s.stage) {
        case pw::Stage::link_expired: title = "widget.link_expired_title"; break;
        case pw::Stage::link_revoked: title = "widget.link_revoked_title"; break;
        case pw::Stage::link_unknown: title = "widget.link_unknown_title"; break;
        default: break;
    }
    heading(ui, "problem-title", ui.fonts.heading, ui.fmt.t(title), 1);
    gap(ui, 10);
    std::string message = ui.fmt.error(pw::Error{s.load_error.code, "", s.load_error.message});
    if (message.empty()) message = ui.fmt.t("widget.try_again_later");
    text(ui, ui.fonts.body, t.text_muted, message, Align::left, "problem-message");
    if (s.stage == pw::Stage::load_failed) {
        gap(ui, 24);
        if (button(ui, "try-again", ui.fmt.t("widget.try_again"), ButtonKind::primary)) ui.out.events.push_back(pw::ev::Reload{});
        return;
    }
    if (s.load_error.practitioner) {
        gap(ui, 24);
        Panel p = panel_begin(ui, 16);
        draw_contact(ui, *s.load_error.practitioner, ui.fmt.t("widget.ask_new_link"));
        panel_end(ui, p);
    }
}

void draw_login_required(Ui& ui, const pw::Checkout& checkout) {
    const pw::CheckoutState& s = checkout.state();
    heading(ui, "login-title", ui.fonts.heading, ui.fmt.t("widget.login_title"), 1);
    gap(ui, 10);
    // The server's code says it in the payer's language.
    const std::string message = pw::api_error_text(ui.fmt.locale(), "login_required", "");
    text(ui, ui.fonts.body, ui.theme.text_muted, message, Align::left, "login-message");
    gap(ui, 24);
    const std::string& url = s.load_error.login_url;
    if (button(ui, "sign-in", ui.fmt.t("widget.sign_in"), ButtonKind::primary, !url.empty())) ui.out.navigate_to = url;
}

}  // namespace pwui
