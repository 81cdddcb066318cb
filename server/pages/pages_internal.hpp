// The page groups register_page_routes (routes/routes.hpp) calls, one file
// each, and the portal's session gate.
#pragma once

#include <optional>

#include "http/router.hpp"

#include "app/app.hpp"

namespace pws::pages {

// /pay/<token>, /pay/<token>/receipts/<payment_id>
void register_pay_pages(http::Router& server, App& app);
// /portal/login, /portal/logout, /portal/invite, /portal/reset
void register_portal_account_pages(http::Router& server, App& app);
// /portal, /portal/billing, /portal/invoices/<id>, /portal/payment-methods,
// /portal/receipts/<payment_id>
void register_portal_pages(http::Router& server, App& app);
// /portal/account, POST /portal/account/language (portal_language_page.cpp)
void register_portal_language_page(http::Router& server, App& app);

// The signed-in client, or a 302 to /portal/login?next=<this path> and
// nullopt.
std::optional<Client> require_portal_client(App& app, const http::Request& req, http::Response& res);

// The client's practice's name (the portal pages' brand; "" when unreadable).
std::string practice_name(App& app, const Client& client);

// The language of a portal page for `client`: their stored preference when
// they have one, else the request's Accept-Language (page_locale).
std::string portal_locale(const http::Request& req, const Client& client);

}  // namespace pws::pages
