// The practice's admin keys: POST makes one (the key is in this answer
// only), GET lists them without secrets, DELETE revokes one (never the last
// active key: 409 last_admin_key; another practice's id: 404).
#include "auth/admin_auth.hpp"
#include "routes/admin_internal.hpp"
#include "routes/respond.hpp"
#include "services/admin_keys.hpp"

namespace pws {

void register_admin_key_routes(http::Router& server, App& app) {
    server.Post("/api/v1/admin/keys", [&app](const http::Request& req, http::Response& res) {
        std::string key_name;
        auto practice = require_admin(app, req, res, &key_name);
        if (!practice) return;
        auto body = respond::body<pw::CreateAdminKeyRequest>(req, res);
        if (!body) return;
        auto made = create_admin_key(app, practice->id, body->name, Actor::api_key(key_name));
        if (!made) return respond::error(res, made.error);
        send_json(res, 201, pw::encode(pw::NewAdminKeyResponse{made.value.key, admin_key_info(made.value.record)}));
    });
    server.Get("/api/v1/admin/keys", [&app](const http::Request& req, http::Response& res) {
        auto practice = require_admin(app, req, res);
        if (!practice) return;
        auto keys = list_admin_keys(app, practice->id);
        if (!keys) return respond::error(res, keys.error);
        pw::AdminKeyList list;
        for (const AdminKeyRecord& k : keys.value) list.keys.push_back(admin_key_info(k));
        send_json(res, 200, pw::encode(list));
    });
    server.Delete("/api/v1/admin/keys/([A-Za-z0-9_-]{1,128})", [&app](const http::Request& req, http::Response& res) {
        std::string key_name;
        auto practice = require_admin(app, req, res, &key_name);
        if (!practice) return;
        if (pw::Error e = revoke_admin_key(app, practice->id, req.matches[1].str(), Actor::api_key(key_name))) return respond::error(res, e);
        respond::no_content(res);
    });
}

}  // namespace pws
