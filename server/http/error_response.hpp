// The ONE place that writes the API's error shape:
//   {"error":{"code":"...","message":"...","field":"..."}}
// plus optional members (login_url, practitioner, retry_after) merged into
// "error". Every handler and every framework hook (413 from the body limit,
// 404 for unknown routes, 500 for an escaped exception) goes through here.
#pragma once

#include <string_view>

#include "http/router.hpp"
#include <nlohmann/json.hpp>

#include "paywidget/result.hpp"

namespace pws {

// Serialises `body` (invalid UTF-8 replaced, never abort) with
// Content-Type application/json; charset=utf-8 and sets the status.
void send_json(http::Response& res, int status, const nlohmann::json& body);

// {"error":{"code","message","field"}}; `field` is "" when the error concerns
// the whole request. `extra` must be an object (or null); its members are
// added inside "error" (e.g. {"retry_after": 30}).
nlohmann::json error_body(std::string_view code, std::string_view message, std::string_view field = {},
                          const nlohmann::json& extra = nullptr);

void send_error(http::Response& res, int status, std::string_view code, std::string_view message,
                std::string_view field = {}, const nlohmann::json& extra = nullptr);

// A core Error with the HTTP status and, when the Error has no message, the
// payer message from the code catalogue (paywidget/decline.hpp).
void send_error(http::Response& res, const pw::Error& error, const nlohmann::json& extra = nullptr);

// The catalogue's code and message for a bare HTTP status (400, 401, 403,
// 404, 405, 413, 415, 429, 500, 503...), for framework-made responses.
void send_status_error(http::Response& res, int status);

}  // namespace pws
