#define BOOST_TEST_MODULE http_helpers
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "http/client_address.hpp"
#include "http/cors.hpp"
#include "http/error_response.hpp"
#include "http/json_body.hpp"
#include "http/security_headers.hpp"

namespace {

pws::http::Request json_request(std::string body, std::string type = "application/json") {
    pws::http::Request req;
    req.method = "POST";
    req.path = "/api/v1/tokens";
    req.body = std::move(body);
    req.set_header("Content-Type", type);
    return req;
}

nlohmann::json body_of(const pws::http::Response& res) { return nlohmann::json::parse(res.body, nullptr, false); }

}  // namespace

BOOST_AUTO_TEST_SUITE(errors)

BOOST_AUTO_TEST_CASE(error_shape) {
    pws::http::Response res;
    pws::send_error(res, 422, "invalid_cvc", "Your card's security code is incomplete.", "cvc");
    BOOST_TEST(res.status == 422);
    BOOST_TEST(res.get_header_value("Content-Type") == "application/json; charset=utf-8");
    const auto j = body_of(res);
    BOOST_REQUIRE(j.is_object());
    BOOST_TEST(j.size() == 1u);
    BOOST_REQUIRE(j.contains("error"));
    BOOST_TEST(j["error"].size() == 3u);
    BOOST_TEST(j["error"]["code"] == "invalid_cvc");
    BOOST_TEST(j["error"]["message"] == "Your card's security code is incomplete.");
    BOOST_TEST(j["error"]["field"] == "cvc");
}

BOOST_AUTO_TEST_CASE(extra_members_go_inside_error_but_cannot_replace_the_three) {
    pws::http::Response res;
    pws::send_error(res, 429, "rate_limited", "Too many attempts.", "",
                    {{"retry_after", 30}, {"code", "spoofed"}});
    const auto j = body_of(res);
    BOOST_TEST(j["error"]["retry_after"] == 30);
    BOOST_TEST(j["error"]["code"] == "rate_limited");
    BOOST_TEST(j["error"]["field"] == "");
}

BOOST_AUTO_TEST_CASE(core_errors_get_catalogue_status_and_message) {
    pws::http::Response res;
    pws::send_error(res, pw::make_error("link_expired", "", ""));
    BOOST_TEST(res.status == 410);
    const auto j = body_of(res);
    BOOST_TEST(j["error"]["code"] == "link_expired");
    BOOST_TEST(!j["error"]["message"].get_ref<const std::string&>().empty());
    pws::http::Response res2;
    pws::send_error(res2, pw::make_error("invalid_card_number", "number", "Your card number is invalid."));
    BOOST_TEST(res2.status == 422);
    BOOST_TEST(body_of(res2)["error"]["message"] == "Your card number is invalid.");
    BOOST_TEST(body_of(res2)["error"]["field"] == "number");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_replaced_not_fatal) {
    pws::http::Response res;
    pws::send_error(res, 400, "invalid_json", std::string("bad \xff\xfe byte"), "");
    BOOST_TEST(body_of(res).is_object());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(json_bodies)

BOOST_AUTO_TEST_CASE(reads_a_good_body) {
    auto r = pws::parse_json_body(json_request(R"({"amount":2500,"currency":"USD"})", "application/json; charset=utf-8"));
    BOOST_REQUIRE(r.ok());
    BOOST_TEST(r.value["amount"] == 2500);
}

BOOST_AUTO_TEST_CASE(wrong_content_type_is_415) {
    for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "", "application/jsonx"}) {
        pws::http::Response res;
        BOOST_TEST(!pws::read_json_body(json_request("{}", type), res).has_value());
        BOOST_TEST(res.status == 415);
        BOOST_TEST(body_of(res)["error"]["code"] == "unsupported_media_type");
    }
    BOOST_TEST(pws::parse_json_body(json_request("{}", "Application/JSON")).ok());
}

BOOST_AUTO_TEST_CASE(body_too_big_is_413) {
    pws::http::Response res;
    const std::string big = "{\"a\":\"" + std::string(64 * 1024, 'x') + "\"}";
    BOOST_TEST(!pws::read_json_body(json_request(big), res).has_value());
    BOOST_TEST(res.status == 413);
    BOOST_TEST(body_of(res)["error"]["code"] == "body_too_large");
    // Exactly at the limit is fine.
    const std::string edge = "\"" + std::string(64 * 1024 - 2, 'x') + "\"";
    BOOST_TEST(pws::parse_json_body(json_request(edge)).ok());
}

BOOST_AUTO_TEST_CASE(malformed_json_is_400) {
    for (const char* text : {"", "{", "{\"a\":}", "[1,]", "nul", "{\"a\":1} x", "\xff"}) {
        pws::http::Response res;
        BOOST_TEST(!pws::read_json_body(json_request(text), res).has_value(), text);
        BOOST_TEST(res.status == 400);
        BOOST_TEST(body_of(res)["error"]["code"] == "invalid_json");
    }
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_rejected_before_parsing) {
    const std::string ok = std::string(64, '[') + std::string(64, ']');
    BOOST_TEST(pws::parse_json_body(json_request(ok)).ok());
    pws::http::Response res;
    const std::string deep = std::string(65, '[') + std::string(65, ']');
    BOOST_TEST(!pws::read_json_body(json_request(deep), res).has_value());
    BOOST_TEST(res.status == 400);
    BOOST_TEST(body_of(res)["error"]["code"] == "too_deeply_nested");
    // 60000 levels would overflow a recursive parser's stack.
    const std::string hostile = std::string(60000, '[');
    pws::http::Response res2;
    BOOST_TEST(!pws::read_json_body(json_request(hostile), res2).has_value());
    BOOST_TEST(res2.status == 400);
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_rejected_with_the_field) {
    auto r = pws::parse_json_body(json_request(R"({"amount":1,"amount":100000})"));
    BOOST_TEST(r.error.code == "duplicate_field");
    BOOST_TEST(r.error.field == "amount");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(headers)

BOOST_AUTO_TEST_CASE(defaults_on_api_responses) {
    pws::http::Request req;
    req.path = "/api/v1/links/abc";
    pws::http::Response res;
    res.status = 200;
    pws::apply_security_headers(req, res);
    const std::string csp = res.get_header_value("Content-Security-Policy");
    BOOST_TEST(csp.find("default-src 'self'") != std::string::npos);
    BOOST_TEST(csp.find("frame-ancestors 'none'") != std::string::npos);
    BOOST_TEST(csp.find("object-src 'none'") != std::string::npos);
    BOOST_TEST(res.get_header_value("X-Frame-Options") == "DENY");
    BOOST_TEST(res.get_header_value("X-Content-Type-Options") == "nosniff");
    BOOST_TEST(res.get_header_value("Referrer-Policy") == "no-referrer");
    BOOST_TEST(res.get_header_value("Cache-Control") == "no-store");
}

BOOST_AUTO_TEST_CASE(static_files_keep_their_caching_but_errors_do_not_cache) {
    pws::http::Request req;
    req.path = "/widget/pay-widget.js";
    pws::http::Response ok;
    ok.status = 200;
    pws::apply_security_headers(req, ok);
    BOOST_TEST(!ok.has_header("Cache-Control"));
    BOOST_TEST(ok.get_header_value("Referrer-Policy") == "no-referrer");
    pws::http::Response missing;
    missing.status = 404;
    pws::apply_security_headers(req, missing);
    BOOST_TEST(missing.get_header_value("Cache-Control") == "no-store");
}

BOOST_AUTO_TEST_CASE(embed_page_may_be_framed_by_allowed_origins_only) {
    pws::http::Request req;
    req.path = "/embed";
    pws::http::Response res;
    res.status = 200;
    pws::allow_framing_by(res, {"https://clinic.example", "http://localhost:3000",
                                "https://evil.example; script-src *", "*", "https://a.example/path"});
    pws::apply_security_headers(req, res);
    BOOST_TEST(res.get_header_value_count("Content-Security-Policy") == 1u);
    const std::string csp = res.get_header_value("Content-Security-Policy");
    BOOST_TEST(csp.find("frame-ancestors 'self' https://clinic.example http://localhost:3000") != std::string::npos);
    BOOST_TEST(csp.find("evil") == std::string::npos);
    BOOST_TEST(csp.find(" * ") == std::string::npos);
    BOOST_TEST(csp.find("/path") == std::string::npos);
    BOOST_TEST(!res.has_header("X-Frame-Options"));
    // No valid origin at all: framing stays denied.
    pws::http::Response none;
    pws::allow_framing_by(none, {"javascript:alert(1)"});
    pws::apply_security_headers(req, none);
    BOOST_TEST(none.get_header_value("Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(safe_origins) {
    BOOST_TEST(pws::is_safe_origin("https://a.example"));
    BOOST_TEST(pws::is_safe_origin("https://a.example:8443"));
    BOOST_TEST(!pws::is_safe_origin("https://a.example:"));
    BOOST_TEST(!pws::is_safe_origin("https://a.example:123456"));
    BOOST_TEST(!pws::is_safe_origin("https://"));
    BOOST_TEST(!pws::is_safe_origin("https://A.example"));
    BOOST_TEST(!pws::is_safe_origin("ftp://a.example"));
    BOOST_TEST(!pws::is_safe_origin("null"));
    BOOST_TEST(!pws::is_safe_origin("https://a.example 'unsafe-inline'"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cors)

BOOST_AUTO_TEST_CASE(reflects_only_listed_origins_never_star) {
    pws::CorsPolicy policy;
    policy.allowed_origins = {"https://clinic.example"};
    policy.allow_credentials = true;
    pws::http::Request req;
    req.set_header("Origin", "https://clinic.example");
    pws::http::Response res;
    BOOST_TEST(pws::apply_cors(req, res, policy));
    BOOST_TEST(res.get_header_value("Access-Control-Allow-Origin") == "https://clinic.example");
    BOOST_TEST(res.get_header_value("Access-Control-Allow-Credentials") == "true");
    BOOST_TEST(res.get_header_value("Vary") == "Origin");

    pws::http::Request other;
    other.set_header("Origin", "https://evil.example");
    pws::http::Response res2;
    BOOST_TEST(!pws::apply_cors(other, res2, policy));
    BOOST_TEST(!res2.has_header("Access-Control-Allow-Origin"));
    BOOST_TEST(!res2.has_header("Access-Control-Allow-Credentials"));

    pws::http::Request no_origin;
    pws::http::Response res3;
    BOOST_TEST(!pws::apply_cors(no_origin, res3, policy));
    BOOST_TEST(!res3.has_header("Access-Control-Allow-Origin"));
}

BOOST_AUTO_TEST_CASE(preflight) {
    pws::CorsPolicy policy;
    policy.allowed_origins = {"https://clinic.example"};
    pws::http::Request req;
    req.method = "OPTIONS";
    req.set_header("Origin", "https://clinic.example");
    pws::http::Response res;
    pws::answer_preflight(req, res, policy);
    BOOST_TEST(res.status == 204);
    BOOST_TEST(res.get_header_value("Access-Control-Allow-Methods") == "GET, POST");
    BOOST_TEST(res.get_header_value("Access-Control-Allow-Headers") == "Content-Type, Idempotency-Key");
    pws::http::Request bad;
    bad.set_header("Origin", "null");
    pws::http::Response res2;
    pws::answer_preflight(bad, res2, policy);
    BOOST_TEST(res2.status == 403);
    BOOST_TEST(body_of(res2)["error"]["code"] == "forbidden");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(client_addresses)

BOOST_AUTO_TEST_CASE(forwarded_for_only_from_trusted_proxies) {
    pws::http::Request req;
    req.remote_addr = "203.0.113.9";
    req.set_header("X-Forwarded-For", "1.2.3.4");
    BOOST_TEST(pws::client_address(req) == "203.0.113.9");
    BOOST_TEST(pws::client_address(req, {"127.0.0.1"}) == "203.0.113.9");

    pws::http::Request proxied;
    proxied.remote_addr = "127.0.0.1";
    proxied.set_header("X-Forwarded-For", "6.6.6.6, 198.51.100.4, 10.0.0.2");
    BOOST_TEST(pws::client_address(proxied, {"127.0.0.1", "10.0.0.2"}) == "198.51.100.4");
    pws::http::Request mapped;
    mapped.remote_addr = "::ffff:192.0.2.1";
    BOOST_TEST(pws::client_address(mapped) == "192.0.2.1");
}

BOOST_AUTO_TEST_CASE(forwarded_proto_only_from_trusted_proxies_and_its_right_most_value) {
    pws::http::Request direct;
    direct.remote_addr = "203.0.113.9";
    direct.set_header("X-Forwarded-Proto", "https");
    BOOST_TEST(!pws::forwarded_scheme(direct, {"127.0.0.1"}).has_value());
    BOOST_TEST(pws::client_scheme(direct, {"127.0.0.1"}) == "http");

    pws::http::Request proxied;
    proxied.remote_addr = "::ffff:127.0.0.1";
    BOOST_TEST(!pws::forwarded_scheme(proxied, {"127.0.0.1"}).has_value());  // no header: not known
    proxied.set_header("X-Forwarded-Proto", "https, HTTP ");
    BOOST_TEST(pws::forwarded_scheme(proxied, {"127.0.0.1"}).value_or("") == "http");
    pws::http::Request odd;
    odd.remote_addr = "127.0.0.1";
    odd.set_header("X-Forwarded-Proto", "wss");
    BOOST_TEST(!pws::forwarded_scheme(odd, {"127.0.0.1"}).has_value());
    BOOST_TEST(pws::client_scheme(odd, {"127.0.0.1"}) == "http");
}

BOOST_AUTO_TEST_CASE(ipv6_is_limited_per_64) {
    BOOST_TEST(pws::rate_limit_key_for_address("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == "2001:db8:1:2::/64");
    BOOST_TEST(pws::rate_limit_key_for_address("2001:db8:1:2::1") == "2001:db8:1:2::/64");
    BOOST_TEST(pws::rate_limit_key_for_address("192.0.2.1") == "192.0.2.1");
    BOOST_TEST(pws::rate_limit_key_for_address("garbage:") == "garbage:");
}

BOOST_AUTO_TEST_SUITE_END()
