// The ONE place where a service's outcome becomes an HTTP answer.
//
// Services (server/services/) know nothing of HTTP: they return
// pw::Result<T> whose error is a domain error (a code of the catalogue,
// paywidget/decline.hpp, with its field) or a failure of the store. Routes
// serialise the value themselves and hand every error to send_service_error,
// which decides, for every route (payer, portal, admin):
//   status       the catalogue's (pw::http_status_for); a failure of the store
//                is 503 storage_busy when the store was busy, else 500
//                internal_error (its own code never reaches the client);
//   Retry-After  1 s for storage_busy; the wait a rate_limited error carries
//                (rate_limited_error);
//   log line     every 5xx records its code and a cause for the request's one
//                structured log line (http/error_cause.hpp). The code that saw
//                the failure may note a more precise cause first
//                (server_failure); the first noted wins.
// A request made under an Idempotency-Key (payments, refunds) answers with
// send_keyed_reply: the response it produced, or the one stored for the key,
// byte for byte, with Idempotent-Replayed: true when it is a replay.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "paywidget/result.hpp"

namespace pws {

// The answer to a request made under an Idempotency-Key: the response this
// request produced (its status and JSON body, as stored under the key), or,
// when `replayed`, the response stored by the first request with that key.
struct KeyedReply {
    int status = 200;
    std::string body;       // JSON, sent verbatim
    bool replayed = false;  // a stored response: Idempotent-Replayed: true
};

// True for the store's own failures (busy, I/O, schema): the request was
// fine, the server was not.
bool is_storage_failure(const pw::Error& e);

// 429 rate_limited that says how long to wait: the seconds travel in the
// error's arguments as "retry_after" (at least 1), so a service can return
// the refusal as data and the answer gets Retry-After and error.retry_after.
pw::Error rate_limited_error(std::int64_t retry_after_seconds);

// A step that cannot fail in a healthy server failed while doing `what`
// (a store write, a lookup of a record that must exist): notes the cause
// ("<what>: <code>") for the log line and returns what the client is told:
// the store's error itself (busy -> 503, else 500), any other code
// internal_error (500). The cause never reaches the client.
pw::Error server_failure(std::string_view what, const pw::Error& e);

// Writes the answer for a service's error (see the top of this file).
// `extra` members are added inside "error" (e.g. login_url).
void send_service_error(http::Response& res, const pw::Error& e, const nlohmann::json& extra = nullptr);

// Writes a keyed reply: its status and body, plus Idempotent-Replayed: true
// for a replay.
void send_keyed_reply(http::Response& res, const KeyedReply& reply);

}  // namespace pws
