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

#include "app/app.hpp"
#include "auth/payer_auth.hpp"
#include "paywidget/api.hpp"

namespace pws {

inline constexpr UnixTime kTokenLifetimeSeconds = 15 * 60;

// The token made (answered 201), or the refusal as a domain error
// (http/service_outcome.hpp answers it: status, Retry-After, log line).
pw::Result<pw::TokenResponse> create_token(App& app, const Payer& payer, const std::string& client_address,
                                           const pw::TokenRequest& request);

}  // namespace pws
