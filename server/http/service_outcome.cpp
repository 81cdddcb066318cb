#include "http/service_outcome.hpp"

#include <charconv>

#include "http/error_cause.hpp"
#include "http/error_response.hpp"
#include "paywidget/decline.hpp"

namespace pws {

namespace {

constexpr std::string_view kRetryAfterArg = "retry_after";

// The wait a rate_limited error carries; 1 s when it carries none.
std::int64_t retry_after_of(const pw::Error& e) {
    for (const auto& [name, value] : e.args) {
        if (name != kRetryAfterArg) continue;
        std::int64_t seconds = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (ec == std::errc{} && end == value.data() + value.size() && seconds >= 1) return seconds;
    }
    return 1;
}

}  // namespace

bool is_storage_failure(const pw::Error& e) {
    return e.code == "storage_busy" || e.code == "storage_error" || e.code == "nested_transaction" ||
           e.code == "schema_too_new";
}

pw::Error rate_limited_error(std::int64_t retry_after_seconds) {
    pw::Error e = pw::make_error("rate_limited", "", "");
    e.args.emplace_back(std::string(kRetryAfterArg), std::to_string(retry_after_seconds < 1 ? 1 : retry_after_seconds));
    return e;
}

pw::Error server_failure(std::string_view what, const pw::Error& e) {
    note_error_cause(std::string(what) + ": " + (e.code.empty() ? std::string("unknown error") : e.code));
    if (is_storage_failure(e)) return e;
    return pw::make_error("internal_error", "", "");
}

void send_service_error(http::Response& res, const pw::Error& e, const nlohmann::json& extra) {
    if (e.code == "storage_busy") {
        note_error_cause("storage: busy (write lock not obtained in time)");
        res.set_header("Retry-After", "1");
        send_error(res, pw::Error{"storage_busy", "", ""});
        return;
    }
    if (is_storage_failure(e) || e.code.empty()) {
        note_error_cause("storage: " + (e.code.empty() ? std::string("error without a code") : e.code) +
                         (e.field.empty() ? "" : " (" + e.field + ")"));
        send_error(res, pw::Error{"internal_error", "", ""});
        return;
    }
    if (e.code == "rate_limited") {
        const std::int64_t wait = retry_after_of(e);
        res.set_header("Retry-After", std::to_string(wait));
        nlohmann::json with_wait = extra.is_object() ? extra : nlohmann::json::object();
        with_wait[std::string(kRetryAfterArg)] = wait;
        send_error(res, pw::Error{e.code, e.field, e.message}, with_wait);
        return;
    }
    // Any other 5xx (internal_error, processor_unavailable, ...): send_error
    // records its code; the cause the service noted stays (the first wins),
    // and one that noted none still gets a cause on its log line.
    if (pw::http_status_for(e.code) >= 500)
        note_error_cause("answered " + e.code + (e.message.empty() ? "" : ": " + e.message));
    send_error(res, e, extra);
}

void send_keyed_reply(http::Response& res, const KeyedReply& reply) {
    res.status = reply.status;
    res.set_content(reply.body, "application/json; charset=utf-8");
    if (reply.replayed) res.set_header("Idempotent-Replayed", "true");
}

}  // namespace pws
