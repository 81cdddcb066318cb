#include "routes/admin_internal.hpp"
#include "routes/routes.hpp"

namespace pws {

void register_admin_routes(http::Router& server, App& app) {
    register_admin_key_routes(server, app);
    register_admin_client_routes(server, app);
    register_admin_invoice_routes(server, app);
    register_admin_refund_routes(server, app);
    register_admin_settings_routes(server, app);
}

}  // namespace pws
