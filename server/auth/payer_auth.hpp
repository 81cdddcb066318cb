// Who is paying: a payer holding an email link (`Authorization: Link <token>`)
// or a signed-in portal client (the pw_session cookie, auth/session_cookie.hpp).
//
// A request carrying both is judged by the link ALONE (docs/api.md): a family
// member paying from the email never acts as the signed-in client, so their
// card can never land in the client's wallet.
//
// Link checks, in order (each answered with the catalogue's status/message):
//   404 link_unknown   no link with this token (no practitioner known)
//   410 link_revoked   revoked by the practitioner   (+ "practitioner")
//   410 link_expired   past its expiry               (+ "practitioner")
//   403 login_required the invoice's client has an activated portal account
//                      (+ "login_url": /portal/login?next=/portal/invoices/<id>,
//                      never the token). Enforced on EVERY payer endpoint.
// No link and no session: 401 unauthorized.
//
// A link of another practice than the framing widget names
// (auth/embed_practice.hpp) is answered 404 link_unknown, so the framing
// site learns nothing about it; session_client() does the same for a portal
// client (401 unauthorized).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/router.hpp"
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "paywidget/result.hpp"

namespace pws {

struct Payer {
    PayerKind kind = PayerKind::link;
    Link link;      // kind == link
    Client client;  // kind == portal: the session's client; link: the invoice's client
    std::string practice_id;

    // The token binding of this payer (vault tokens are bound to it).
    TokenBinding binding() const;
    // Key for per-payer rate limits: "link:<id>" / "client:<id>".
    std::string rate_key() const;
};

// An authentication failure: the error (code, field; message from the
// catalogue when empty) plus the extra members (practitioner, login_url).
struct AuthFailure {
    pw::Error error;
    nlohmann::json extra;  // null or an object
};

// The raw token of an `Authorization: Link <token>` header, or nullopt when
// the request has no Link authorization.
std::optional<std::string> link_token_from_header(const http::Request& req);

// Resolves a raw link token through the checks above (login_required
// included). On success `payer.kind == link` with the link, its invoice's
// client and practice.
// `req`: the API request, for its embed practice (nullptr: a page of this
// host, which no other site frames).
pw::Result<Payer> resolve_link(App& app, std::string_view raw_token, AuthFailure* failure,
                               const http::Request* req = nullptr);

// The login path for an invoice of an activated client.
std::string login_url_for(std::string_view invoice_id);

// The payer of this request (link first, then session). On failure writes
// the error response and returns nullopt.
std::optional<Payer> authenticate_payer(App& app, const http::Request& req, http::Response& res);

// Writes an AuthFailure as the response.
void send_auth_failure(http::Response& res, const AuthFailure& f);

}  // namespace pws
