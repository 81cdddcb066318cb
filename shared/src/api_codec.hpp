// Private to the api_*.cpp files: the pieces several message codecs share
// (enums as strings, method summaries, timestamps, currencies, nested
// objects). Public contract: paywidget/api.hpp.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "paywidget/api.hpp"
#include "paywidget/json_read.hpp"

namespace pw::detail {

using nlohmann::json;

// String limits used across messages (characters).
inline constexpr StringRule kId{100, false};        // "pay_...", "inv_..."
inline constexpr StringRule kName{200, false};      // people, practices
inline constexpr StringRule kShort{64, false};      // card fields, versions
inline constexpr StringRule kUrl{2048, false};
inline constexpr StringRule kText{20000, false};    // mandate text
inline constexpr std::size_t kMaxListItems = 1000;  // any list in a response

// "" <-> null for optional strings (receipt_url, field, ...).
json null_if_empty(const std::string& s);
std::string optional_text(JsonReader& r, std::string_view key, const StringRule& rule);

// "YYYY-MM-DDTHH:MM:SSZ" (UTC, no fractions): code invalid_timestamp.
std::string read_timestamp(JsonReader& r, std::string_view key);
// The same, or "" when the member is absent or null.
std::string optional_timestamp(JsonReader& r, std::string_view key);
// Payable ISO 4217 code: code invalid_currency.
std::string read_currency(JsonReader& r, std::string_view key);
Date read_date(JsonReader& r, std::string_view key);

json encode_method(const MethodSummary& m);
MethodSummary decode_method(const json& j, const std::string& path, Error& sink);
MethodType read_method_type(JsonReader& r, std::string_view key);
// type/brand/last4 read from (or written into) an object holding other keys too.
MethodSummary read_method_fields(JsonReader& r);
void put_method_fields(json& j, const MethodSummary& m);

json encode_invoice_balance(const InvoiceBalance& b);
InvoiceBalance decode_invoice_balance(const json& j, const std::string& path, Error& sink);
InvoiceStatus read_invoice_status(JsonReader& r, std::string_view key);
BankScheme read_scheme(JsonReader& r, std::string_view key);

// An Invoice nested at `path`: invoice_from_json's error gets `path.` in
// front of its field.
Invoice decode_nested_invoice(const json& j, const std::string& path, Error& sink);

// Decodes each element of an array member with `decode(elem, path, sink)`.
template <class T, class F>
std::vector<T> read_list(JsonReader& r, std::string_view key, std::size_t max_items, F decode_one) {
    std::vector<T> out;
    const json* a = r.array(key, max_items);
    if (!a) return out;
    for (std::size_t i = 0; i < a->size() && !r.failed(); ++i) {
        out.push_back(decode_one((*a)[i], index_path(r.field(key), i)));
    }
    return out;
}

// Encodes a list with `encode`.
template <class T>
json encode_list(const std::vector<T>& items) {
    json a = json::array();
    for (const T& item : items) a.push_back(encode(item));
    return a;
}

// Runs the message-level decoder on `j` (which must be an object).
template <class T, class F>
Error decode_object(const json& j, T& out, F body) {
    Error sink;
    JsonReader r(j, "", sink);
    T value{};
    body(r, value, sink);
    r.finish();
    if (!sink) out = std::move(value);
    return sink;
}

// Decodes one message nested at `path` with the public decode() overload,
// prefixing the error's field.
template <class T>
T decode_nested(const json& j, const std::string& path, Error& sink) {
    T value{};
    if (sink) return value;
    Error e = decode(j, value);
    if (e) {
        e.field = e.field.empty() ? path : child_path(path, e.field);
        sink = std::move(e);
    }
    return value;
}

}  // namespace pw::detail

namespace pw::detail {
// Shared by api_portal.cpp and api_admin.cpp.
std::string read_email(JsonReader& r, std::string_view key);      // invalid_email
std::string read_new_password(JsonReader& r, std::string_view key);  // password_too_short
// A client's language (pw::preference_locale): "" for null or "";
// invalid_locale for a tag that is not a supported locale.
std::string read_locale(JsonReader& r, std::string_view key);
json encode_client(const ClientInfo& c);
ClientInfo decode_client(const json& j, Error& sink);  // at path "client"
}  // namespace pw::detail
