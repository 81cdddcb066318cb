// The admin API's handlers, one registration per area (admin_*.cpp);
// register_admin_routes (routes.hpp) calls them all. Every handler starts
// with require_admin and scopes what it touches to that practice.
#pragma once

#include "http/router.hpp"

#include "app/app.hpp"

namespace pws {

void register_admin_key_routes(http::Router& server, App& app);
void register_admin_client_routes(http::Router& server, App& app);
void register_admin_invoice_routes(http::Router& server, App& app);
void register_admin_refund_routes(http::Router& server, App& app);
void register_admin_settings_routes(http::Router& server, App& app);

}  // namespace pws
