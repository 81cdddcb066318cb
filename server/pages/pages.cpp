// register_page_routes: every human-facing page of the payment host.
#include "pages/pages_internal.hpp"
#include "pages/page_kit.hpp"
#include "pages/console_pages.hpp"
#include "pages/console_invoice_pages.hpp"
#include "pages/console_payment_pages.hpp"
#include "auth/session_cookie.hpp"
#include "paywidget/locale.hpp"
#include "paywidget/url.hpp"
#include "routes/routes.hpp"

namespace pws {

namespace pages {

std::optional<Client> require_portal_client(App& app, const http::Request& req, http::Response& res) {
    std::optional<Client> client = session_client(app, req);
    if (!client) redirect(res, "/portal/login?next=" + pw::percent_encode(safe_next(req.path)));
    return client;
}

std::string portal_locale(const http::Request& req, const Client& client) {
    return client.locale.empty() ? page_locale(req) : pw::negotiate_locale(client.locale);
}

}  // namespace pages

void register_page_routes(http::Router& server, App& app) {
    pages::register_pay_pages(server, app);
    pages::register_portal_account_pages(server, app);
    pages::register_portal_pages(server, app);
    pages::register_portal_language_page(server, app);
    pages::register_console_account_pages(server, app);
    pages::register_console_home_pages(server, app);
    pages::register_console_settings_pages(server, app);
    pages::register_console_invoice_pages(server, app);
    pages::register_console_payment_pages(server, app);
    pages::register_console_client_pages(server, app);
    pages::register_console_users_pages(server, app);
    register_console_session_routes(server, app);
    register_console_settings_routes(server, app);
    register_console_invoice_routes(server, app);
    register_console_payment_routes(server, app);
    register_console_client_routes(server, app);
    register_console_users_routes(server, app);
}

}  // namespace pws
