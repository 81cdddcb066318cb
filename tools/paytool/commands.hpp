// paytool's line handlers: each turns one input line into one JSON object.
//
// They live apart from main.cpp so that the fuzzers and the wasm build call
// exactly what the CLI calls. None of them throws or aborts: a bad line gives
// an object with an "error" field ({"code","field","message"} as in the API).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "paywidget/date.hpp"
#include "paywidget/invoice.hpp"
#include "paywidget/money.hpp"
#include "paywidget/result.hpp"

namespace paytool {

nlohmann::json card_line(std::string_view line);
nlohmann::json expiry_line(std::string_view line, const pw::Date& today);
nlohmann::json iban_line(std::string_view line);
nlohmann::json routing_line(std::string_view line);
nlohmann::json currency_line(std::string_view line);
nlohmann::json money_line(std::string_view line, std::string_view currency,
                          const pw::AmountSeparators& separators);
nlohmann::json plan_line(std::string_view line, const pw::Invoice& invoice);
nlohmann::json plan_options(const pw::Invoice& invoice);

// {"code","field","message"}: the one error shape shared with the HTTP API.
nlohmann::json error_json(const pw::Error& e);

// Serialises without ever aborting: invalid UTF-8 in echoed input is
// replaced with U+FFFD instead of tripping nlohmann's dump() error.
std::string dump_line(const nlohmann::json& j);

}  // namespace paytool
