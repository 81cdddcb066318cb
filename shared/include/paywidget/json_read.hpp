// Strict, exception-free JSON reading for every decoder in the core
// (invoice, API messages).
//
// nlohmann/json with JSON_NOEXCEPTION aborts on at()/get<T>() of a wrong
// type, and a deep enough nesting of '[' can exhaust the stack of code that
// walks the tree. So decoders here:
//   1. parse with parse_json_strict(): size limit, nesting-depth limit and
//      duplicate-key rejection are checked in one streaming (non-recursive)
//      pass that builds the tree as it goes and stops at the first violation;
//   2. read members through JsonReader, which checks the type of every value
//      before touching it and names the offending field with a path such as
//      "items[2].quantity".
//
// JsonReader keeps the FIRST error in a caller-owned Error ("sink"); later
// reads after an error are no-ops returning defaults, so a decoder reads
// linearly and checks the sink once at the end (or at points where a later
// check needs earlier values to be valid).
//
// Error codes produced here (field = path of the value, "" for the root):
//   input_too_large    text longer than JsonLimits::max_bytes
//   invalid_json       not JSON (message gives the byte offset), including
//                      any raw NUL byte anywhere in the text
//   too_deeply_nested  more than JsonLimits::max_depth nested arrays/objects
//   duplicate_field    an object repeats a key
//   missing_field      a required member is absent (null counts as absent
//                      only for optional members)
//   wrong_type         a value has the wrong JSON type, e.g. 1.5 or "3" where
//                      a whole number is expected
//   out_of_range       a whole number outside its allowed range
//   negative_amount    an amount below zero
//   amount_too_large   an amount above kMaxAmountMinor (or its own limit)
//   string_too_long    a string longer than its limit (counted in characters)
//   empty_value        a required string is empty
//   too_many_items     an array longer than its limit
//   invalid_value      a string outside an enumerated set
//   unknown_field      a member the decoder does not know (see finish())
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "paywidget/result.hpp"

namespace pw {

struct JsonLimits {
    std::size_t max_bytes = 8u << 20;  // 8 MiB of text
    int max_depth = 64;                // nested arrays + objects
};

// Parses `text` as one JSON value, refusing oversize input, nesting deeper
// than limits.max_depth and duplicate object keys (which would otherwise be
// silently "last one wins"). The tree it returns is safe to walk recursively.
// Errors: input_too_large, invalid_json, too_deeply_nested, duplicate_field.
Result<nlohmann::json> parse_json_strict(std::string_view text, const JsonLimits& limits = {});

// Parses `text` as one JSON value exactly as nlohmann::json::parse(text,
// nullptr, false) does (no limits of its own: the caller bounds the text; a
// discarded value when it is not JSON), through the same single parser as
// parse_json_strict. Use this instead of json::parse in code the widget
// links: every json::parse call adds nlohmann's second parser path and its
// callback tree builder to the wasm (issue 14).
nlohmann::json parse_json(std::string_view text);

// Path helpers: child_path("items[2]", "quantity") == "items[2].quantity",
// child_path("", "number") == "number", index_path("items", 2) == "items[2]".
std::string child_path(std::string_view parent, std::string_view key);
std::string index_path(std::string_view array_path, std::size_t index);

// Number of Unicode code points in valid UTF-8 (what a person calls
// "characters"); bytes 0x80-0xBF are continuation bytes and not counted.
std::size_t utf8_length(std::string_view s);

struct StringRule {
    std::size_t max_chars = 1000;
    bool allow_empty = true;
};

// Scalar readers for a value already located (e.g. an array element). Each
// returns a default and records the first error in `sink` when the value is
// wrong; does nothing once `sink` holds an error.
std::string read_string(const nlohmann::json& v, std::string_view path, const StringRule& rule,
                        Error& sink);
std::int64_t read_int(const nlohmann::json& v, std::string_view path, std::int64_t min,
                      std::int64_t max, Error& sink);
// A count of minor units: a JSON integer in [min, max] (default 0..kMaxAmountMinor);
// errors wrong_type, negative_amount, amount_too_large.
std::int64_t read_amount(const nlohmann::json& v, std::string_view path, Error& sink,
                         std::int64_t min = 0, std::int64_t max = -1 /* kMaxAmountMinor */);
bool read_bool(const nlohmann::json& v, std::string_view path, Error& sink);
// A string that must be one of `allowed`; returns its index (or 0 on error).
std::size_t read_enum(const nlohmann::json& v, std::string_view path,
                      std::initializer_list<std::string_view> allowed, Error& sink);

// Reads the members of one JSON object. Construct it on any value: a
// non-object records wrong_type at `path`. Every member read is remembered,
// so finish() can reject the members nobody read (unknown_field).
class JsonReader {
public:
    JsonReader(const nlohmann::json& value, std::string path, Error& sink);

    bool failed() const { return static_cast<bool>(sink_); }
    const std::string& path() const { return path_; }
    std::string field(std::string_view key) const { return child_path(path_, key); }

    // Presence: true when the member exists and is not null. Marks it read.
    bool has(std::string_view key);

    // Required members (missing -> missing_field).
    std::string string(std::string_view key, const StringRule& rule = {});
    std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max);
    std::int64_t amount(std::string_view key, std::int64_t min = 0, std::int64_t max = -1);
    bool boolean(std::string_view key);
    std::size_t enumeration(std::string_view key, std::initializer_list<std::string_view> allowed);
    // The member itself, checked to be an object (wrong_type) or an array of
    // at most max_items elements (too_many_items); nullptr on error.
    const nlohmann::json* object(std::string_view key);
    const nlohmann::json* array(std::string_view key, std::size_t max_items);

    // Optional members: absent or null -> nullopt / nullptr, no error.
    std::optional<std::string> optional_string(std::string_view key, const StringRule& rule = {});
    std::optional<std::int64_t> optional_integer(std::string_view key, std::int64_t min,
                                                 std::int64_t max);
    std::optional<bool> optional_boolean(std::string_view key);
    const nlohmann::json* optional_object(std::string_view key);
    const nlohmann::json* optional_array(std::string_view key, std::size_t max_items);

    // Records unknown_field for the first member that was never read.
    void finish();

    void fail(std::string code, std::string_view key, std::string message);

private:
    // The member, or nullptr when absent (records missing_field if required).
    const nlohmann::json* member(std::string_view key, bool required);

    const nlohmann::json* obj_ = nullptr;  // nullptr when the value is not an object
    std::string path_;
    Error& sink_;
    std::vector<std::string> seen_;
};

}  // namespace pw
