// The practice's settings: GET reads them; PUT replaces them (every member
// required); PATCH changes only the members it names (JSON merge, RFC 7396,
// pw::merge_settings), read and written in one transaction so two
// concurrent PATCHes of different members both land. Each answers the
// settings now in force.
#include "auth/admin_auth.hpp"
#include "routes/admin_internal.hpp"
#include "routes/respond.hpp"
#include "services/practices.hpp"

namespace pws {

void register_admin_settings_routes(http::Router& server, App& app) {
    server.Get("/api/v1/admin/settings", [&app](const http::Request& req, http::Response& res) {
        auto practice = require_admin(app, req, res);
        if (!practice) return;
        send_json(res, 200, pw::encode(settings_to_api(practice->settings)));
    });
    server.Put("/api/v1/admin/settings", [&app](const http::Request& req, http::Response& res) {
        auto practice = require_admin(app, req, res);
        if (!practice) return;
        auto body = respond::body<pw::Settings>(req, res);
        if (!body) return;
        pw::Error e = app.store->write_transaction(
            [&](WriteTxn& t) { return t.update_settings(practice->id, settings_from_api(*body)); });
        if (e) return respond::error(res, e);
        send_json(res, 200, pw::encode(*body));
    });
    server.Patch("/api/v1/admin/settings", [&app](const http::Request& req, http::Response& res) {
        std::string key_name;
        auto practice = require_admin(app, req, res, &key_name);
        if (!practice) return;
        std::optional<nlohmann::json> patch = read_json_body(req, res);
        if (!patch) return;
        auto merged = patch_settings(app, practice->id, *patch, Actor::api_key(key_name));
        if (!merged) return respond::error(res, merged.error);
        send_json(res, 200, pw::encode(merged.value));
    });
}

}  // namespace pws
