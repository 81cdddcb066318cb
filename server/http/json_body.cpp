#include "http/json_body.hpp"

#include <cctype>
#include <string>

#include "http/error_response.hpp"
#include "paywidget/decline.hpp"
#include "paywidget/json_read.hpp"

namespace pws {
namespace {

// "application/json" with optional parameters ("; charset=utf-8"), case-
// insensitive. Anything else (text/plain, form posts) is refused: it also
// keeps simple cross-site form submissions out of the API.
bool is_json_content_type(const std::string& value) {
    std::string type = value.substr(0, value.find(';'));
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
    std::size_t start = 0;
    while (start < type.size() && (type[start] == ' ' || type[start] == '\t')) ++start;
    type = type.substr(start);
    for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return type == "application/json";
}

}  // namespace

pw::Result<nlohmann::json> parse_json_body(const http::Request& req, const BodyLimits& limits) {
    using R = pw::Result<nlohmann::json>;
    if (!is_json_content_type(req.get_header_value("Content-Type")))
        return R::failure("unsupported_media_type", "",
                          "The request must be sent as JSON (Content-Type: application/json).");
    if (req.body.size() > limits.max_bytes)
        return R::failure("body_too_large", "", std::string(pw::error_message_for("body_too_large")));
    pw::JsonLimits jl;
    jl.max_bytes = limits.max_bytes;
    jl.max_depth = limits.max_depth;
    auto parsed = pw::parse_json_strict(req.body, jl);
    if (!parsed.ok()) {
        pw::Error e = parsed.error;
        if (e.code == "input_too_large") e.code = "body_too_large";
        if (e.code != "duplicate_field") e.field.clear();
        const std::string_view catalogue = pw::error_message_for(e.code);
        if (!catalogue.empty()) e.message = std::string(catalogue);
        return R::failure(std::move(e));
    }
    return parsed;
}

int json_body_status(const pw::Error& error) {
    if (error.code == "unsupported_media_type") return 415;
    if (error.code == "body_too_large") return 413;
    return 400;
}

std::optional<nlohmann::json> read_json_body(const http::Request& req, http::Response& res,
                                             const BodyLimits& limits) {
    auto parsed = parse_json_body(req, limits);
    if (!parsed.ok()) {
        send_error(res, json_body_status(parsed.error), parsed.error.code, parsed.error.message,
                   parsed.error.field);
        return std::nullopt;
    }
    return std::move(parsed.value);
}

}  // namespace pws
