#define BOOST_TEST_MODULE json_read
#include <boost/test/unit_test.hpp>

#include <string>

#include "paywidget/json_read.hpp"
#include "paywidget/money.hpp"

using nlohmann::json;
using namespace std::string_literals;

namespace {

std::string strict_code(std::string_view text, pw::JsonLimits limits = {}) {
    return pw::parse_json_strict(text, limits).error.code;
}

// Parses a fixture the test itself writes; a broken fixture fails the test.
json doc(std::string_view text) {
    auto r = pw::parse_json_strict(text);
    BOOST_TEST_REQUIRE(r.ok(), "fixture: " << text);
    return r.value;
}

std::string nested(int depth) { return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']'); }

}  // namespace

// ----------------------------------------------------- parse_json_strict --

BOOST_AUTO_TEST_CASE(parse_json_reads_what_json_parse_reads) {
    // parse_json replaces json::parse(text, nullptr, false) where the widget
    // links it (one parser instantiation): same tree, same refusals, and no
    // strictness of its own (duplicate keys: the last one wins).
    for (const std::string& text : {"{}"s, "[1, 2.5, -3, 18446744073709551615, 1e400]"s, "\"x\\u00e9\""s, "true"s,
                                   " {\"a\": [1, {\"b\": null}], \"a\": 7} "s, ""s, "{"s, "[1,]"s, "{} x"s,
                                   "{}\0{}"s, "{\"a\": tru}"s, "\"\xff\""s}) {
        BOOST_TEST_CONTEXT(text) {
            const json expected = json::parse(text, nullptr, false);
            const json got = pw::parse_json(text);
            BOOST_TEST(got.is_discarded() == expected.is_discarded());
            if (!expected.is_discarded()) BOOST_TEST(got.dump() == expected.dump());
        }
    }
    BOOST_TEST(pw::parse_json("{\"a\": 1, \"a\": 2}").at("a") == 2);
}

BOOST_AUTO_TEST_CASE(strict_parse_builds_the_same_tree_in_its_one_pass) {
    const std::string text = R"({"n": [1, -2, 3.5, "s", true, null, {"k": []}], "o": {"p": {}}})";
    const auto r = pw::parse_json_strict(text);
    BOOST_TEST_REQUIRE(r.ok());
    BOOST_TEST(r.value.dump() == json::parse(text, nullptr, false).dump());
}

BOOST_AUTO_TEST_CASE(well_formed_values_parse) {
    for (const char* text : {"{}", "[]", "0", "-1", "\"x\"", "true", "null", "  {\"a\": [1, 2, {\"b\": null}]}  ",
                             "{\"a\": 1, \"A\": 2}"}) {
        BOOST_TEST_CONTEXT(text) { BOOST_TEST(strict_code(text) == ""); }
    }
}

BOOST_AUTO_TEST_CASE(malformed_text_is_invalid_json) {
    const std::string bad[] = {
        "", " ", "{", "}", "[1,]", "{\"a\":}", "{\"a\" 1}", "{a: 1}", "{'a': 1}", "[1 2]", "01", "1.",
        ".5", "+1", "NaN", "Infinity", "-", "tru", "nul", "\"unterminated", "{\"a\": 1}}", "[1]]", "{} {}",
        "// comment\n{}", "{\"a\": 1 /* c */}", "\"\\x41\"", "\"\\u12\"", "\"tab\there\"",
        "\"line\nbreak\"",
        "\"\xFF\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"",  // invalid UTF-8, overlong, surrogate
        "\"\\uD800\"",                                   // lone surrogate escape
        "1e400", "-1e400",                               // no double holds them
    };
    for (const auto& text : bad) {
        BOOST_TEST_CONTEXT(text) {
            auto r = pw::parse_json_strict(text);
            BOOST_TEST(r.error.code == "invalid_json");
            BOOST_TEST(r.error.field == "");
            BOOST_TEST(!r.error.message.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(a_nul_byte_never_ends_the_input_early) {
    // The text is a string_view, not a C string: whatever follows a NUL is
    // still read, so nothing can be smuggled after one, and a raw NUL is
    // not JSON anywhere.
    const std::string bad[] = {
        "{}\0"s, "{}\0garbage"s, "{\"a\": 1}\0{\"a\": 2}"s, "\0{}"s, "{\"a\"\0: 1}"s,
        "{\"a\": \"x\0y\"}"s, "[1,\0 2]"s, "\0"s, "1\0" "2"s,
    };
    for (const auto& text : bad) {
        BOOST_TEST_CONTEXT(json(text).dump(-1, ' ', true, json::error_handler_t::replace)) {
            BOOST_TEST(strict_code(text) == "invalid_json");
        }
    }
    // An escaped NUL is valid JSON: the string keeps all its characters.
    auto r = pw::parse_json_strict(R"({"a": "x\u0000y"})");
    BOOST_TEST_REQUIRE(r.ok());
    BOOST_TEST(r.value["a"].get_ref<const std::string&>() == "x\0y"s);
}

BOOST_AUTO_TEST_CASE(size_limit_counts_bytes) {
    pw::JsonLimits small;
    small.max_bytes = 10;
    BOOST_TEST(strict_code("[1,2,3,45]", small) == "");   // exactly 10 bytes
    BOOST_TEST(strict_code("[1,2,3,456]", small) == "input_too_large");
    BOOST_TEST(strict_code("          1", small) == "input_too_large");  // spaces count too
    // The default is 8 MiB.
    const std::string big = "\"" + std::string((8u << 20) - 2, 'a') + "\"";
    BOOST_TEST(strict_code(big) == "");
    BOOST_TEST(strict_code(big + " ") == "input_too_large");
}

BOOST_AUTO_TEST_CASE(depth_limit_counts_arrays_and_objects) {
    BOOST_TEST(strict_code(nested(64)) == "");
    BOOST_TEST(strict_code(nested(65)) == "too_deeply_nested");
    pw::JsonLimits shallow;
    shallow.max_depth = 2;
    BOOST_TEST(strict_code(R"({"a": [1]})", shallow) == "");
    auto r = pw::parse_json_strict(R"({"a": [{"b": 1}]})", shallow);
    BOOST_TEST(r.error.code == "too_deeply_nested");
    BOOST_TEST(r.error.field == "a[0]");
    // Scalars do not count as a level.
    shallow.max_depth = 0;
    BOOST_TEST(strict_code("1", shallow) == "");
    BOOST_TEST(strict_code("[]", shallow) == "too_deeply_nested");
    // A million unclosed brackets: refused by depth, no stack overflow.
    BOOST_TEST(strict_code(std::string(1'000'000, '[')) == "too_deeply_nested");
    BOOST_TEST(strict_code(std::string(1'000'000, '{')) == "invalid_json");  // '{' needs a key
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_refused_with_their_path) {
    auto r = pw::parse_json_strict(R"({"a": 1, "a": 2})");
    BOOST_TEST(r.error.code == "duplicate_field");
    BOOST_TEST(r.error.field == "a");
    r = pw::parse_json_strict(R"({"items": [{"q": 1}, {"q": 1, "q": 1}]})");
    BOOST_TEST(r.error.code == "duplicate_field");
    BOOST_TEST(r.error.field == "items[1].q");
    // The same key in different objects is fine; keys compare byte for byte.
    BOOST_TEST(strict_code(R"([{"a": 1}, {"a": 2}, {"b": {"a": 3}}])") == "");
    BOOST_TEST(strict_code(R"({"a": 1, "A": 1, "a ": 1})") == "");
    // An escaped spelling of the same key is the same key.
    BOOST_TEST(strict_code(R"({"a": 1, "\u0061": 2})") == "duplicate_field");
    // A huge key is shortened in the path, still valid UTF-8.
    const std::string key(1000, 'k');
    r = pw::parse_json_strict("{\"" + key + "\": 1, \"" + key + "\": 2}");
    BOOST_TEST(r.error.code == "duplicate_field");
    BOOST_TEST(r.error.field.size() < 100u);
    BOOST_TEST(r.error.field.rfind(std::string(64, 'k'), 0) == 0u);
}

// ----------------------------------------------------------------- paths --

BOOST_AUTO_TEST_CASE(paths_and_character_counts) {
    BOOST_TEST(pw::child_path("", "number") == "number");
    BOOST_TEST(pw::child_path("items[2]", "quantity") == "items[2].quantity");
    BOOST_TEST(pw::index_path("items", 2) == "items[2]");
    BOOST_TEST(pw::index_path("", 0) == "[0]");
    BOOST_TEST(pw::utf8_length("") == 0u);
    BOOST_TEST(pw::utf8_length("abc") == 3u);
    BOOST_TEST(pw::utf8_length("\xC3\xA9t\xC3\xA9") == 3u);  // "été"
    BOOST_TEST(pw::utf8_length("\xF0\x9F\x92\xB3") == 1u);   // one emoji
    BOOST_TEST(pw::utf8_length("a\0b"s) == 3u);
}

// --------------------------------------------------------- scalar reads --

BOOST_AUTO_TEST_CASE(read_string_checks_type_emptiness_and_length) {
    pw::Error sink;
    BOOST_TEST(pw::read_string(json("abc"), "s", {}, sink) == "abc");
    BOOST_TEST(!sink);
    for (const json& v : {json(1), json(true), json(nullptr), json::array(), json::object(), json(1.5)}) {
        pw::Error e;
        BOOST_TEST(pw::read_string(v, "s", {}, e) == "");
        BOOST_TEST(e.code == "wrong_type");
        BOOST_TEST(e.field == "s");
    }
    pw::Error empty;
    pw::read_string(json(""), "name", pw::StringRule{10, false}, empty);
    BOOST_TEST(empty.code == "empty_value");
    BOOST_TEST(empty.field == "name");
    pw::Error allowed;
    pw::read_string(json(""), "name", pw::StringRule{10, true}, allowed);
    BOOST_TEST(!allowed);
    // Length is counted in characters, not bytes.
    pw::Error fits, long_one;
    BOOST_TEST(pw::read_string(json("\xC3\xA9\xC3\xA9\xC3\xA9"), "s", pw::StringRule{3, true}, fits) ==
               "\xC3\xA9\xC3\xA9\xC3\xA9");
    BOOST_TEST(!fits);
    pw::read_string(json("abcd"), "s", pw::StringRule{3, true}, long_one);
    BOOST_TEST(long_one.code == "string_too_long");
    // A string with an (escaped) NUL keeps its full length and content.
    pw::Error nul;
    BOOST_TEST(pw::read_string(json("a\0b"s), "s", {}, nul) == "a\0b"s);
    pw::Error nul_long;
    pw::read_string(json("ab\0cd"s), "s", pw::StringRule{4, true}, nul_long);
    BOOST_TEST(nul_long.code == "string_too_long");
}

BOOST_AUTO_TEST_CASE(read_int_takes_whole_numbers_in_range) {
    auto read = [](std::string_view text, std::int64_t min, std::int64_t max) {
        pw::Error e;
        const std::int64_t v = pw::read_int(doc(text), "n", min, max, e);
        return std::make_pair(v, e.code);
    };
    BOOST_TEST(read("5", 0, 10).first == 5);
    BOOST_TEST(read("0", 0, 10).second == "");
    BOOST_TEST(read("10", 0, 10).second == "");
    BOOST_TEST(read("-1", 0, 10).second == "out_of_range");
    BOOST_TEST(read("11", 0, 10).second == "out_of_range");
    BOOST_TEST(read("-5", -10, 10).first == -5);
    BOOST_TEST(read("9223372036854775807", 0, INT64_MAX).first == INT64_MAX);
    BOOST_TEST(read("-9223372036854775808", INT64_MIN, 0).first == INT64_MIN);
    // Above int64 but within uint64: too big, not a wrong type.
    BOOST_TEST(read("9223372036854775808", 0, INT64_MAX).second == "out_of_range");
    BOOST_TEST(read("18446744073709551615", 0, INT64_MAX).second == "out_of_range");
    // Decimals, exponents and numbers past uint64 (stored as floating
    // point by the parser) are not whole numbers: refused, never rounded.
    for (const char* text : {"1.5", "1.0", "1e2", "1E2", "-0.0", "18446744073709551616",
                             "-9223372036854775809", "\"3\"", "true", "null", "[1]", "{}"}) {
        BOOST_TEST_CONTEXT(text) {
            auto [v, code] = read(text, INT64_MIN, INT64_MAX);
            BOOST_TEST(code == "wrong_type");
            BOOST_TEST(v == 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(read_amount_is_exact_minor_units) {
    auto read = [](std::string_view text, std::int64_t min = 0, std::int64_t max = -1) {
        pw::Error e;
        const std::int64_t v = pw::read_amount(doc(text), "amount", e, min, max);
        return std::make_pair(v, e.code);
    };
    BOOST_TEST(read("0").first == 0);
    BOOST_TEST(read("5100").first == 5100);
    BOOST_TEST(read(std::to_string(pw::kMaxAmountMinor)).first == pw::kMaxAmountMinor);
    BOOST_TEST(read(std::to_string(pw::kMaxAmountMinor + 1)).second == "amount_too_large");
    BOOST_TEST(read("9223372036854775807").second == "amount_too_large");
    BOOST_TEST(read("18446744073709551615").second == "amount_too_large");
    BOOST_TEST(read("-1").second == "negative_amount");
    BOOST_TEST(read("-9223372036854775808").second == "negative_amount");
    BOOST_TEST(read("50", 100).second == "out_of_range");  // below its own minimum
    BOOST_TEST(read("100", 100).first == 100);
    BOOST_TEST(read("101", 0, 100).second == "amount_too_large");  // its own maximum
    for (const char* text : {"51.00", "0.1", "1e3", "\"5100\"", "null", "false", "[5100]"}) {
        BOOST_TEST_CONTEXT(text) { BOOST_TEST(read(text).second == "wrong_type"); }
    }
}

BOOST_AUTO_TEST_CASE(read_bool_and_enum) {
    pw::Error e;
    BOOST_TEST(pw::read_bool(json(true), "b", e));
    BOOST_TEST(!pw::read_bool(json(false), "b", e));
    BOOST_TEST(!e);
    for (const json& v : {json(1), json(0), json("true"), json(nullptr)}) {
        pw::Error w;
        pw::read_bool(v, "b", w);
        BOOST_TEST(w.code == "wrong_type");
    }
    pw::Error ok;
    BOOST_TEST(pw::read_enum(json("pad"), "scheme", {"ach", "pad", "sepa"}, ok) == 1u);
    BOOST_TEST(!ok);
    for (const json& v : {json("PAD"), json("pad "), json(""), json("pad\0"s)}) {
        pw::Error bad;
        pw::read_enum(v, "scheme", {"ach", "pad", "sepa"}, bad);
        BOOST_TEST(bad.code == "invalid_value");
        BOOST_TEST(bad.message.find("ach, pad, sepa") != std::string::npos);
    }
    pw::Error type;
    pw::read_enum(json(1), "scheme", {"ach"}, type);
    BOOST_TEST(type.code == "wrong_type");
}

BOOST_AUTO_TEST_CASE(the_first_error_wins_and_later_reads_do_nothing) {
    pw::Error sink;
    pw::read_int(json("x"), "first", 0, 1, sink);
    BOOST_TEST(sink.field == "first");
    BOOST_TEST(pw::read_string(json("ok"), "second", {}, sink) == "");
    BOOST_TEST(pw::read_int(json(1), "third", 0, 5, sink) == 0);
    BOOST_TEST(pw::read_amount(json(1), "fourth", sink) == 0);
    BOOST_TEST(!pw::read_bool(json(true), "fifth", sink));
    pw::read_enum(json(7), "sixth", {"a"}, sink);
    BOOST_TEST(sink.field == "first");
    BOOST_TEST(sink.code == "wrong_type");
}

// ------------------------------------------------------------ JsonReader --

BOOST_AUTO_TEST_CASE(reader_reads_typed_members_with_paths) {
    const json v = doc(R"({"name": "Ada", "qty": 3, "amount": 5100, "paid": true, "kind": "b",
                           "client": {"email": "a@example.com"}, "items": [1, 2]})");
    pw::Error sink;
    pw::JsonReader r(v, "invoice", sink);
    BOOST_TEST(r.string("name") == "Ada");
    BOOST_TEST(r.integer("qty", 1, 10) == 3);
    BOOST_TEST(r.amount("amount") == 5100);
    BOOST_TEST(r.boolean("paid"));
    BOOST_TEST(r.enumeration("kind", {"a", "b"}) == 1u);
    const json* client = r.object("client");
    BOOST_TEST_REQUIRE(client != nullptr);
    pw::JsonReader c(*client, r.field("client"), sink);
    BOOST_TEST(c.string("email") == "a@example.com");
    c.finish();
    const json* items = r.array("items", 5);
    BOOST_TEST_REQUIRE(items != nullptr);
    BOOST_TEST(items->size() == 2u);
    r.finish();
    BOOST_TEST(!sink);
    BOOST_TEST(r.field("qty") == "invoice.qty");
}

BOOST_AUTO_TEST_CASE(reader_reports_missing_and_wrong_members) {
    struct Case { const char* text; const char* code; const char* field; };
    const Case cases[] = {
        {R"({})", "missing_field", "x.name"},
        {R"({"name": null})", "wrong_type", "x.name"},  // null is absent only for optional members
        {R"({"name": 1})", "wrong_type", "x.name"},
        {R"({"name": "Ada", "qty": "3"})", "wrong_type", "x.qty"},
        {R"({"name": "Ada", "qty": 3.0})", "wrong_type", "x.qty"},
        {R"({"name": "Ada", "qty": 11})", "out_of_range", "x.qty"},
        {R"({"name": "Ada", "qty": 99999999999999999999999})", "wrong_type", "x.qty"},
        {R"({"name": "Ada", "qty": 3, "client": []})", "wrong_type", "x.client"},
        {R"({"name": "Ada", "qty": 3, "client": {}, "items": {}})", "wrong_type", "x.items"},
        {R"({"name": "Ada", "qty": 3, "client": {}, "items": [1, 2, 3, 4]})", "too_many_items", "x.items"},
        {R"({"name": "Ada", "qty": 3, "client": {}, "items": [], "extra": 1})", "unknown_field", "x.extra"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.text) {
            const json v = doc(c.text);
            pw::Error sink;
            pw::JsonReader r(v, "x", sink);
            r.string("name");
            r.integer("qty", 1, 10);
            r.object("client");
            r.array("items", 3);
            r.finish();
            BOOST_TEST(sink.code == c.code);
            BOOST_TEST(sink.field == c.field);
            BOOST_TEST(!sink.message.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(reader_on_a_non_object_fails_at_its_own_path) {
    for (const char* text : {"[]", "1", "\"x\"", "null", "true"}) {
        BOOST_TEST_CONTEXT(text) {
            const json v = doc(text);
            pw::Error sink;
            pw::JsonReader r(v, "payment", sink);
            BOOST_TEST(r.failed());
            BOOST_TEST(sink.code == "wrong_type");
            BOOST_TEST(sink.field == "payment");
            BOOST_TEST(r.string("id") == "");
            BOOST_TEST(!r.has("id"));
            BOOST_TEST(sink.field == "payment");  // still the first error
        }
    }
    const json root = doc("[]");
    pw::Error sink;
    pw::JsonReader r(root, "", sink);
    BOOST_TEST(sink.message.rfind("The data", 0) == 0u);  // the root has no name
}

BOOST_AUTO_TEST_CASE(optional_members_may_be_absent_or_null) {
    const json v = doc(R"({"a": null, "b": "x", "c": 4, "d": false, "e": {}, "f": [], "g": null})");
    pw::Error sink;
    pw::JsonReader r(v, "", sink);
    BOOST_TEST(!r.optional_string("a").has_value());
    BOOST_TEST(!r.optional_string("missing").has_value());
    BOOST_TEST(r.optional_string("b").value_or("") == "x");
    BOOST_TEST(r.optional_integer("c", 0, 9).value_or(-1) == 4);
    BOOST_TEST(r.optional_boolean("d").has_value());
    BOOST_TEST(r.optional_object("e") != nullptr);
    BOOST_TEST(r.optional_array("f", 0) != nullptr);
    BOOST_TEST(r.optional_object("g") == nullptr);
    BOOST_TEST(!r.has("nothing"));
    r.finish();
    BOOST_TEST(!sink, sink.field << ": " << sink.message);

    // Present but wrong: an error, and no value.
    struct Case { const char* text; const char* code; };
    const Case cases[] = {
        {R"({"b": 1})", "wrong_type"},
        {R"({"c": "4"})", "wrong_type"},
        {R"({"c": 10})", "out_of_range"},
        {R"({"d": "no"})", "wrong_type"},
        {R"({"e": []})", "wrong_type"},
        {R"({"f": {}})", "wrong_type"},
        {R"({"f": [1]})", "too_many_items"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.text) {
            const json w = doc(c.text);
            pw::Error e;
            pw::JsonReader q(w, "", e);
            BOOST_TEST(!q.optional_string("b").has_value());
            BOOST_TEST(!q.optional_integer("c", 0, 9).has_value());
            BOOST_TEST(!q.optional_boolean("d").has_value());
            BOOST_TEST(q.optional_object("e") == nullptr);
            BOOST_TEST(q.optional_array("f", 0) == nullptr);
            BOOST_TEST(e.code == c.code);
        }
    }
}

BOOST_AUTO_TEST_CASE(unknown_fields_name_the_first_unread_member) {
    const json v = doc(R"({"known": 1, "zz_unknown": 2})");
    pw::Error sink;
    pw::JsonReader r(v, "body", sink);
    BOOST_TEST(r.integer("known", 0, 5) == 1);
    r.finish();
    BOOST_TEST(sink.code == "unknown_field");
    BOOST_TEST(sink.field == "body.zz_unknown");
    // has() counts as reading, so an optional member that is present is known.
    pw::Error ok;
    pw::JsonReader q(v, "body", ok);
    q.has("known");
    q.has("zz_unknown");
    q.finish();
    BOOST_TEST(!ok);
    // A huge unknown key is shortened in the path.
    const json big = doc("{\"" + std::string(5000, 'u') + "\": 1}");
    pw::Error e;
    pw::JsonReader b(big, "", e);
    b.finish();
    BOOST_TEST(e.code == "unknown_field");
    BOOST_TEST(e.field.size() < 100u);
}
