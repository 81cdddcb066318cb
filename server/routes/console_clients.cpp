// The Clients forms of the console: POST /console/clients (a new client,
// through the same service and core rules as POST /api/v1/admin/clients),
// POST /console/clients/<id>/invite (the portal invitation of POST
// /api/v1/admin/clients/{id}/invite: emailed, never shown) and
// POST /console/clients/<id>/cards/<pm>/remove (the removal of DELETE
// /api/v1/admin/clients/{id}/payment-methods/{pm}, with the client's reason
// required). Each checks the Origin first (console_form), then the user;
// another practice's client is a 404; every change is in Activity.
#include <cstdio>

#include "pages/console_pages.hpp"
#include "routes/routes.hpp"
#include "services/activity.hpp"
#include "services/client_cards.hpp"
#include "services/clients.hpp"
#include "services/console_clients.hpp"
#include "services/invitations.hpp"

namespace pws {

namespace {

// Characters as a person counts them (code points), not bytes.
std::size_t utf8_chars(std::string_view s) {
    std::size_t n = 0;
    for (const unsigned char ch : s) n += (ch & 0xC0) != 0x80;
    return n;
}

void create(App& app, const http::Request& req, http::Response& res) {
    auto form = pages::console_form(app, req, res);
    if (!form) return;
    auto user = pages::require_console_user(app, req, res);
    if (!user) return;
    const pages::ClientFormValues values{pages::trimmed_field(*form, "name"), pages::trimmed_field(*form, "email"),
                                         pages::trimmed_field(*form, "phone")};
    // The core's rules (the request codec for name and email, the contact
    // rule for the phone), each field checked beside known-good others, so
    // every wrong field is marked at once.
    pw::CreateClientRequest request;
    std::vector<pw::Error> errors;
    if (pw::Error e = pw::decode(nlohmann::json{{"name", values.name}, {"email", "client@example.com"}}, request))
        errors.push_back(e);
    if (pw::Error e = pw::decode(nlohmann::json{{"name", "Client"}, {"email", values.email}}, request))
        errors.push_back(e);
    if (pw::Error e = pw::check_contact(pw::Contact{"Client", "client@example.com", values.phone})) errors.push_back(e);
    if (errors.empty()) {
        if (pw::Error e = pw::decode(nlohmann::json{{"name", values.name}, {"email", values.email}}, request))
            errors.push_back(e);
    }
    if (!errors.empty()) return pages::send_console_new_client(res, 422, *user, values, errors);
    auto made = create_client(app, user->practice, request, values.phone, Actor::user(user->user));
    if (!made && made.error.code == "email_taken")
        return pages::send_console_new_client(
            res, 409, *user, values,
            {pw::make_error("email_taken", "email", "Another client already has this email. Search for them instead.")});
    if (!made)
        return pages::send_console_new_client(res, 503, *user, values,
                                              {pw::make_error("storage_busy", "", "The server is busy. Try again.")});
    pages::redirect(res, "/console/clients/" + made.value.id + "?created=1");
}

// The user's practice's client `id`, or nullopt with the 404 (another
// practice's looks the same as none) or 503 page written.
std::optional<Client> client_or_reply(App& app, const ConsoleUser& user, const std::string& id,
                                      http::Response& res) {
    auto client = practice_client(app, user.practice.id, id);
    if (client) return std::move(client.value);
    if (client.error.code == "not_found")
        pages::send_console_not_found(res, user, pages::ConsoleSection::clients, "No such client", "/console/clients",
                                      "Clients");
    else
        pages::send_console_unavailable(res, user, pages::ConsoleSection::clients);
    return std::nullopt;
}

void invite(App& app, const http::Request& req, http::Response& res) {
    auto form = pages::console_form(app, req, res);
    if (!form) return;
    auto user = pages::require_console_user(app, req, res);
    if (!user) return;
    const std::string id = req.matches[1].str();
    auto client = client_or_reply(app, *user, id, res);
    if (!client) return;
    auto sent = send_invitation(app, user->practice, *client);
    if (!sent) {
        const bool active = sent.error.code == "portal_already_active";
        return pages::send_console_client(
            app, res, active ? 409 : 503, *user, id, "",
            pw::make_error(sent.error.code, "",
                           active ? "This client's portal account is already activated. They can reset their "
                                    "password from the portal's sign-in page."
                                  : "The invitation could not be sent. Try again in a moment."));
    }
    // Logged after the email left (the token's transaction is the service's
    // own): a failure here is reported, the invitation stands.
    pw::Error logged = app.store->write_transaction([&](WriteTxn& t) {
        return record_activity(t, app, user->practice.id, Actor::user(user->user), "client.invited", id,
                               "Emailed a portal invitation to " + client->name + " (" + sent.value.sent_to + ")");
    });
    if (logged) std::fprintf(stderr, "console: logging a portal invitation failed: %s\n", logged.code.c_str());
    pages::redirect(res, "/console/clients/" + id + "?invited=1");
}

void remove_card(App& app, const http::Request& req, http::Response& res) {
    auto form = pages::console_form(app, req, res);
    if (!form) return;
    auto user = pages::require_console_user(app, req, res);
    if (!user) return;
    const std::string id = req.matches[1].str();
    const std::string pm = req.matches[2].str();
    auto client = client_or_reply(app, *user, id, res);
    if (!client) return;
    const std::string reason = pages::trimmed_field(*form, "reason", 4 * (kMaxRemovalReasonChars + 1));
    if (reason.empty() || utf8_chars(reason) > kMaxRemovalReasonChars)
        return pages::send_console_client(
            app, res, 422, *user, id, "",
            pw::make_error("invalid_value", pm,
                           reason.empty() ? "Write what the client asked for, then remove the card."
                                          : "Keep the reason to " + std::to_string(kMaxRemovalReasonChars) +
                                                " characters or fewer."));
    pw::Error e = remove_client_card(app, *client, pm, Actor::user(user->user), reason);
    if (e.code == "not_found")
        return pages::send_console_client(app, res, 404, *user, id, "",
                                          pw::make_error("not_found", "", "This card is no longer saved."));
    if (e)
        return pages::send_console_client(app, res, 503, *user, id, "",
                                          pw::make_error(e.code, "", "The card was not removed. Try again."));
    pages::redirect(res, "/console/clients/" + id + "?removed=1");
}

}  // namespace

void register_console_client_routes(http::Router& server, App& app) {
    server.Post("/console/clients", [&app](const http::Request& req, http::Response& res) { create(app, req, res); });
    server.Post("/console/clients/([A-Za-z0-9_-]{1,128})/invite",
                [&app](const http::Request& req, http::Response& res) { invite(app, req, res); });
    server.Post("/console/clients/([A-Za-z0-9_-]{1,128})/cards/([A-Za-z0-9_-]{1,128})/remove",
                [&app](const http::Request& req, http::Response& res) { remove_card(app, req, res); });
}

}  // namespace pws
