// GET /console/login[?next=/console/...][&signed_out=1]: the console's
// sign-in form, a plain HTML form posted to /console/login
// (routes/console_session.cpp).
#include "pages/console_pages.hpp"

namespace pws::pages {

void send_console_login(http::Response& res, int status, std::string_view next, std::string_view email,
                        std::string_view error, std::string_view notice) {
    std::string inner = "<section class=\"card auth-card\" aria-labelledby=\"auth-heading\">"
                        "<h1 id=\"auth-heading\">Sign in to your practice console</h1>";
    if (!notice.empty()) inner += console_notice(notice);
    inner += "<p class=\"lead\">Bill clients, follow payments and set the rules your clients pay under.</p>";
    inner += "<form class=\"form\" method=\"post\" action=\"/console/login\">";
    inner += "<input type=\"hidden\" name=\"next\" value=\"" + html(console_next(next)) + "\">";
    inner += console_alert(error);
    inner += console_field("email", "Email", "email", "username", email);
    inner += console_field("password", "Password", "password", "current-password");
    inner += "<button type=\"submit\" class=\"button button-primary button-block\">Sign in</button></form>";
    inner += "<p class=\"muted small\">Paying an invoice? Use the Pay Invoice button in your email, or the "
             "<a href=\"/portal/login\">client portal</a>.</p></section>";
    send_console_public_page(res, status, "Sign in", inner);
}

namespace {

void login_page(App& app, const http::Request& req, http::Response& res) {
    const std::string next = console_next(req.has_param("next") ? req.get_param_value("next") : std::string());
    if (console_user(app, req)) return redirect(res, next);
    send_console_login(res, 200, next, "", "", req.has_param("signed_out") ? "You are signed out." : "");
}

}  // namespace

void register_console_account_pages(http::Router& server, App& app) {
    server.Get("/console/login", [&app](const http::Request& req, http::Response& res) { login_page(app, req, res); });
}

}  // namespace pws::pages
