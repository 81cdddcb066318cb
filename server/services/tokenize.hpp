// POST /api/v1/tokens: raw card or bank details in, a single-use token out.
//
// Order of checks: rate limits (per payer and per client address: 429
// rate_limited with retry_after), then for a link payer the invoice's
// accepted methods (422 method_not_accepted, field "type"/"scheme") and the
// mandate (422 mandate_not_accepted / mandate_outdated), then the core
// validators (422 with their code and field), then the processor's
// tokenize (its refusals: 422 with the field; processor_unavailable: 503).
// The vault keeps the processor reference, brand, last4, expiry and a keyed
// fingerprint, never the PAN, CVC or account number; the token is stored
// hashed, bound to the payer, single use, expiring after kTokenLifetime.
// Nothing here logs request data.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "auth/payer_auth.hpp"
#include "paywidget/api.hpp"

namespace pws {

inline constexpr UnixTime kTokenLifetimeSeconds = 15 * 60;

struct ServiceReply {
    int status = 200;
    nlohmann::json body;    // JSON body (success or error)
    std::string raw_body;   // a stored body sent verbatim (idempotent replay)
    bool replayed = false;  // add Idempotent-Replayed: true
    std::int64_t retry_after = 0;  // seconds, for 429 (Retry-After header)
};

// An error reply in the API's shape (message from the catalogue when the
// error has none).
ServiceReply error_reply(const pw::Error& e, const nlohmann::json& extra = nullptr);
ServiceReply error_reply(std::string_view code, std::string_view field = {});
// A failure of the store (or of a step that cannot fail in a healthy
// server) while doing `what`: 503 storage_busy with Retry-After when the
// store was busy, else 500 internal_error. The cause ("<what>: <code>")
// goes to the request's log line (http/error_cause.hpp), never to the payer.
ServiceReply failure_reply(const pw::Error& e, std::string_view what);
// 429 rate_limited with retry_after.
ServiceReply rate_limited_reply(std::int64_t retry_after_seconds);

ServiceReply create_token(App& app, const Payer& payer, const std::string& client_address,
                          const pw::TokenRequest& request);

}  // namespace pws
