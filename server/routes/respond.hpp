// Small helpers the admin and portal handlers share: a service's error
// answered by the one mapping (http/service_outcome.hpp), the catalogue's
// error for a code, and a request body decoded with the core's strict codecs.
#pragma once

#include <optional>
#include <string_view>

#include "http/router.hpp"
#include <nlohmann/json.hpp>

#include "http/error_response.hpp"
#include "http/json_body.hpp"
#include "http/service_outcome.hpp"
#include "paywidget/api.hpp"
#include "paywidget/result.hpp"

namespace pws::respond {

// The error response for `e`: send_service_error (storage failures as
// 503 storage_busy with Retry-After or 500 internal_error, their cause on the
// request's log line; anything else by the catalogue).
inline void error(http::Response& res, const pw::Error& e, const nlohmann::json& extra = nullptr) {
    send_service_error(res, e, extra);
}

// The catalogue's status and payer message for `code`.
void code(http::Response& res, std::string_view code, std::string_view field = {});

// The request body decoded as T (415/413/400/422 written on failure). With
// allow_empty, a request without a body decodes "{}" (every member of T
// optional, e.g. CreateLinkRequest).
template <class T>
std::optional<T> body(const http::Request& req, http::Response& res, bool allow_empty = false) {
    nlohmann::json j;
    if (allow_empty && req.body.empty()) {
        j = nlohmann::json::object();
    } else {
        std::optional<nlohmann::json> parsed = read_json_body(req, res);
        if (!parsed) return std::nullopt;
        j = std::move(*parsed);
    }
    T out{};
    if (pw::Error e = pw::decode(j, out)) {
        error(res, e);
        return std::nullopt;
    }
    return out;
}

// 204 No Content.
inline void no_content(http::Response& res) { res.status = 204; }

}  // namespace pws::respond
