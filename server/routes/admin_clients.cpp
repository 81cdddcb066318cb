// POST /api/v1/admin/clients, PATCH /api/v1/admin/clients/{id} (the client's
// language), POST /api/v1/admin/clients/{id}/invite,
// DELETE /api/v1/admin/clients/{id}/payment-methods/{pm}.
#include "auth/admin_auth.hpp"
#include "routes/admin_internal.hpp"
#include "routes/respond.hpp"
#include "services/api_records.hpp"
#include "services/client_cards.hpp"
#include "services/clients.hpp"
#include "services/console_clients.hpp"
#include "services/invitations.hpp"

namespace pws {

namespace {

// The practice's client, or not_found (another practice's looks the same).
pw::Result<Client> admin_client(App& app, const Practice& practice, const std::string& id) {
    auto found = practice_client(app, practice.id, id);
    if (!found && found.error.code == "not_found") return pw::Result<Client>::failure("not_found", "", "");
    return found;
}

}  // namespace

void register_admin_client_routes(http::Router& server, App& app) {
    server.Post("/api/v1/admin/clients", [&app](const http::Request& req, http::Response& res) {
        auto practice = require_admin(app, req, res);
        if (!practice) return;
        auto body = respond::body<pw::CreateClientRequest>(req, res);
        if (!body) return;
        auto client = create_client(app, *practice, *body);
        if (!client) return respond::error(res, client.error);
        send_json(res, 201, pw::encode(pw::ClientEnvelope{rec::client_info(client.value)}));
    });

    server.Patch(R"(/api/v1/admin/clients/([A-Za-z0-9_-]{1,128}))",
                 [&app](const http::Request& req, http::Response& res) {
        auto practice = require_admin(app, req, res);
        if (!practice) return;
        auto body = respond::body<pw::UpdateClientRequest>(req, res);
        if (!body) return;
        auto client = admin_client(app, *practice, req.matches[1]);
        if (!client) return respond::error(res, client.error);
        pw::Error e = app.store->write_transaction(
            [&](WriteTxn& t) { return t.set_client_locale(client.value.id, body->locale); });
        if (e) return respond::error(res, e);
        client.value.locale = body->locale;
        send_json(res, 200, pw::encode(pw::ClientEnvelope{rec::client_info(client.value)}));
    });

    server.Post(R"(/api/v1/admin/clients/([A-Za-z0-9_-]{1,128})/invite)",
                [&app](const http::Request& req, http::Response& res) {
        auto practice = require_admin(app, req, res);
        if (!practice) return;
        auto client = admin_client(app, *practice, req.matches[1]);
        if (!client) return respond::error(res, client.error);
        auto sent = send_invitation(app, *practice, client.value);
        if (!sent) return respond::error(res, sent.error);
        pw::InviteResponse out{sent.value.sent_to, rec::format_instant(sent.value.expires_at)};
        send_json(res, 202, pw::encode(out));
    });

    server.Delete(R"(/api/v1/admin/clients/([A-Za-z0-9_-]{1,128})/payment-methods/([A-Za-z0-9_-]{1,128}))",
                  [&app](const http::Request& req, http::Response& res) {
        std::string key_name;
        auto practice = require_admin(app, req, res, &key_name);
        if (!practice) return;
        auto client = admin_client(app, *practice, req.matches[1]);
        if (!client) return respond::error(res, client.error);
        pw::Error e = remove_client_card(app, client.value, req.matches[2].str(), Actor::api_key(key_name), "");
        if (e.code == "not_found") return respond::code(res, "not_found");
        if (e) return respond::error(res, e);
        respond::no_content(res);
    });
}

}  // namespace pws
