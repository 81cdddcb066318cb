#include "http/error_response.hpp"

#include "http/error_cause.hpp"
#include "paywidget/decline.hpp"

namespace pws {

void send_json(http::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/json; charset=utf-8");
}

nlohmann::json error_body(std::string_view code, std::string_view message, std::string_view field,
                          const nlohmann::json& extra) {
    nlohmann::json e = nlohmann::json::object();
    e["code"] = std::string(code);
    e["message"] = std::string(message);
    e["field"] = std::string(field);
    if (extra.is_object())
        for (auto it = extra.begin(); it != extra.end(); ++it)
            if (it.key() != "code" && it.key() != "message" && it.key() != "field") e[it.key()] = it.value();
    nlohmann::json body = nlohmann::json::object();
    body["error"] = std::move(e);
    return body;
}

void send_error(http::Response& res, int status, std::string_view code, std::string_view message,
                std::string_view field, const nlohmann::json& extra) {
    if (status >= 500) record_error_code(code);  // for the request's log line
    send_json(res, status, error_body(code, message, field, extra));
}

void send_error(http::Response& res, const pw::Error& error, const nlohmann::json& extra) {
    const std::string_view message =
        error.message.empty() ? pw::error_message_for(error.code) : std::string_view(error.message);
    send_error(res, pw::http_status_for(error.code), error.code, message, error.field, extra);
}

void send_status_error(http::Response& res, int status) {
    std::string_view code;
    switch (status) {
        case 400: code = "invalid_request"; break;
        case 401: code = "unauthorized"; break;
        case 403: code = "forbidden"; break;
        case 404: code = "not_found"; break;
        case 405: code = "method_not_allowed"; break;
        case 413: code = "body_too_large"; break;
        case 414: code = "uri_too_long"; break;
        case 415: code = "unsupported_media_type"; break;
        case 416: code = "range_not_satisfiable"; break;
        case 429: code = "rate_limited"; break;
        case 431: code = "headers_too_large"; break;
        case 503: code = "server_busy"; break;
        default: code = status >= 500 ? "internal_error" : "invalid_request"; break;
    }
    std::string_view message = pw::error_message_for(code);
    if (message.empty())
        message = status >= 500 ? "Something went wrong on our side. Try again in a moment."
                                : "The request could not be handled. Reload the page and try again.";
    send_error(res, status, code, message);
}

}  // namespace pws
