// The practice's settings: GET reads them; PUT replaces them (every member
// required); PATCH changes only the members it names (JSON merge, RFC 7396,
// pw::merge_settings), read and written in one transaction so two
// concurrent PATCHes of different members both land. Each answers the
// settings now in force.
#include "auth/admin_auth.hpp"
#include "routes/admin_internal.hpp"
#include "routes/respond.hpp"

namespace pws {

namespace {

pw::Settings to_api(const PracticeSettings& s) {
    pw::Settings out;
    out.allow_saved_method_removal = s.allow_card_removal;
    out.settlement_currency = s.settlement_currency;
    out.embed_origins = s.embed_origins;
    return out;
}

PracticeSettings to_record(const pw::Settings& s) {
    PracticeSettings out;
    out.allow_card_removal = s.allow_saved_method_removal;
    out.settlement_currency = s.settlement_currency;
    out.embed_origins = s.embed_origins;
    return out;
}

}  // namespace

void register_admin_settings_routes(http::Router& server, App& app) {
    server.Get("/api/v1/admin/settings", [&app](const http::Request& req, http::Response& res) {
        auto practice = require_admin(app, req, res);
        if (!practice) return;
        send_json(res, 200, pw::encode(to_api(practice->settings)));
    });
    server.Put("/api/v1/admin/settings", [&app](const http::Request& req, http::Response& res) {
        auto practice = require_admin(app, req, res);
        if (!practice) return;
        auto body = respond::body<pw::Settings>(req, res);
        if (!body) return;
        pw::Error e = app.store->write_transaction(
            [&](WriteTxn& t) { return t.update_settings(practice->id, to_record(*body)); });
        if (e) return respond::error(res, e);
        send_json(res, 200, pw::encode(*body));
    });
    server.Patch("/api/v1/admin/settings", [&app](const http::Request& req, http::Response& res) {
        auto practice = require_admin(app, req, res);
        if (!practice) return;
        std::optional<nlohmann::json> patch = read_json_body(req, res);
        if (!patch) return;
        pw::Settings merged;
        pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
            // Read inside the write transaction: the merge applies to what is
            // stored now, not to what require_admin read a moment ago.
            Result<Practice> now = t.practice(practice->id);
            if (!now.ok()) return now.error;
            pw::Result<pw::Settings> m = pw::merge_settings(to_api(now.value.settings), *patch);
            if (!m.ok()) return m.error;
            merged = std::move(m.value);
            return t.update_settings(practice->id, to_record(merged));
        });
        if (e) return respond::error(res, e);
        send_json(res, 200, pw::encode(merged));
    });
}

}  // namespace pws
