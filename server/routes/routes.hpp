// Route registration, one function per area. Each registers thin handlers:
// authenticate, decode with the core's codecs (pw::parse_as), call a
// service, encode (pw::encode) — errors always through http/error_response.
#pragma once

#include "http/router.hpp"

#include "app/app.hpp"

namespace pws {

void register_health_routes(http::Router& server, App& app);
// GET /api/v1/links/{token}, POST /api/v1/tokens,
// POST /api/v1/invoices/{id}/payments, GET /api/v1/receipts/{id}
void register_payer_routes(http::Router& server, App& app);
// /api/v1/admin/...
void register_admin_routes(http::Router& server, App& app);
// /api/v1/session, invitations, password resets, /api/v1/me/...
void register_portal_routes(http::Router& server, App& app);
// test_mode only: /api/v1/test/... (settle due bank debits: routes/test_routes.cpp)
void register_test_routes(http::Router& server, App& app);
// The human-facing pages (server/pages/): /pay/<token>[/receipts/<id>] and
// the client portal (/portal, /portal/login, ...).
void register_page_routes(http::Router& server, App& app);
// The practitioner console's forms (routes/console_*.cpp): POST
// /console/login, /console/logout, /console/settings, /console/api-keys,
// /console/api-keys/<id>/revoke. Its pages: register_page_routes.
void register_console_session_routes(http::Router& server, App& app);
void register_console_settings_routes(http::Router& server, App& app);
// POST /console/invoices/... (routes/console_invoices.cpp)
void register_console_invoice_routes(http::Router& server, App& app);
// POST /console/payments/<id>/refund (the confirmation step) and
// /console/payments/<id>/refund/confirm (routes/console_payments.cpp).
void register_console_payment_routes(http::Router& server, App& app);
// POST /console/clients, /console/clients/<id>/invite,
// /console/clients/<id>/cards/<pm>/remove (routes/console_clients.cpp)
void register_console_client_routes(http::Router& server, App& app);
// POST /console/users/invite, /console/users/invitations/<id>/revoke,
// /console/users/<id>/disable, /console/invitation (routes/console_users.cpp)
void register_console_users_routes(http::Router& server, App& app);

}  // namespace pws
