// PUT /api/v1/admin/settings: every member required, the answer echoes them.
#include "auth/admin_auth.hpp"
#include "routes/admin_internal.hpp"
#include "routes/respond.hpp"

namespace pws {

void register_admin_settings_routes(http::Router& server, App& app) {
    server.Put("/api/v1/admin/settings", [&app](const http::Request& req, http::Response& res) {
        auto practice = require_admin(app, req, res);
        if (!practice) return;
        auto body = respond::body<pw::Settings>(req, res);
        if (!body) return;
        PracticeSettings s;
        s.allow_card_removal = body->allow_saved_method_removal;
        s.settlement_currency = body->settlement_currency;
        s.embed_origins = body->embed_origins;
        pw::Error e = app.store->write_transaction([&](WriteTxn& t) { return t.update_settings(practice->id, s); });
        if (e) return respond::error(res, e);
        send_json(res, 200, pw::encode(*body));
    });
}

}  // namespace pws
