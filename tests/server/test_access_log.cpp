#define BOOST_TEST_MODULE access_log
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "http/access_log.hpp"
#include "http/error_cause.hpp"
#include "security/random.hpp"

namespace {
const std::string kTok = "Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg";  // 43 chars, like a link token
}

BOOST_AUTO_TEST_CASE(link_tokens_in_paths_are_redacted) {
    BOOST_TEST(pws::redact_target("/pay/" + kTok) == "/pay/[redacted]");
    BOOST_TEST(pws::redact_target("/pay/short") == "/pay/[redacted]");  // whatever its length
    BOOST_TEST(pws::redact_target("/api/v1/links/" + kTok) == "/api/v1/links/[redacted]");
    BOOST_TEST(pws::redact_target("/api/v1/links/" + kTok + "/view") == "/api/v1/links/[redacted]/view");
    BOOST_TEST(pws::redact_target("/invite/abc") == "/invite/[redacted]");
    BOOST_TEST(pws::redact_target("/portal/reset/abc") == "/portal/reset/[redacted]");
}

// The pages under a link (server/pages/pay_pages.cpp): the token segment
// goes, the receipt's payment id (not a secret) stays, so the log still
// says which receipt was looked at. Portal page paths carry no token.
BOOST_AUTO_TEST_CASE(link_tokens_in_page_paths_are_redacted) {
    BOOST_TEST(pws::redact_target("/pay/" + kTok + "/receipts/pay_Q3v9") == "/pay/[redacted]/receipts/pay_Q3v9");
    BOOST_TEST(pws::redact_target("/pay/short/receipts/pay_Q3v9") == "/pay/[redacted]/receipts/pay_Q3v9");
    BOOST_TEST(pws::redact_target("/portal/receipts/pay_Q3v9") == "/portal/receipts/pay_Q3v9");
    BOOST_TEST(pws::redact_target("/portal/invoices/inv_8Hq2") == "/portal/invoices/inv_8Hq2");
    BOOST_TEST(pws::redact_target("/portal/login?next=%2Fportal%2Finvoices%2Finv_8Hq2") ==
               "/portal/login?next=%2Fportal%2Finvoices%2Finv_8Hq2");
}

BOOST_AUTO_TEST_CASE(real_tokens_on_unknown_routes_are_redacted) {
    for (int i = 0; i < 200; ++i) {
        const std::string t = pws::random_token();
        const std::string line = pws::redact_target("/somewhere/new/" + t + "?x=1");
        BOOST_TEST(line.find(t) == std::string::npos);
        BOOST_TEST(line == "/somewhere/new/[redacted]?x=1");
    }
}

BOOST_AUTO_TEST_CASE(ids_and_ordinary_paths_stay) {
    BOOST_TEST(pws::redact_target("/api/v1/admin/invoices/inv_AbCdEfGhIjKlMnOpQrStUv") ==
               "/api/v1/admin/invoices/inv_AbCdEfGhIjKlMnOpQrStUv");
    BOOST_TEST(pws::redact_target("/api/v1/receipts/pay_123") == "/api/v1/receipts/pay_123");
    BOOST_TEST(pws::redact_target("/healthz") == "/healthz");
    BOOST_TEST(pws::redact_target("/") == "/");
    BOOST_TEST(pws::redact_target("/payment/abc") == "/payment/abc");  // not the /pay/ prefix
}

BOOST_AUTO_TEST_CASE(secret_query_parameters_are_redacted) {
    BOOST_TEST(pws::redact_target("/embed?token=" + kTok + "&origin=https://a.example") ==
               "/embed?token=[redacted]&origin=https://a.example");
    BOOST_TEST(pws::redact_target("/x?a=1&link_token=abc&b=2") == "/x?a=1&link_token=[redacted]&b=2");
    BOOST_TEST(pws::redact_target("/x?Token=abc") == "/x?Token=[redacted]");
    BOOST_TEST(pws::redact_target("/x?password=hunter2&session=s") == "/x?password=[redacted]&session=[redacted]");
    BOOST_TEST(pws::redact_target("/x?status=pending") == "/x?status=pending");
    BOOST_TEST(pws::redact_target("/x?next=" + kTok) == "/x?next=[redacted]");
    BOOST_TEST(pws::redact_target("/x?") == "/x?");
}

BOOST_AUTO_TEST_CASE(line_is_one_json_object_with_the_fields) {
    pws::AccessLogEntry e;
    e.time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1738324800123));  // 2025-01-31T12:00:00.123Z
    e.method = "POST";
    e.target = "/pay/" + kTok;
    e.status = 201;
    e.duration_ms = 17;
    e.client = "192.0.2.7";
    const std::string line = pws::format_access_log(e);
    BOOST_TEST(line.find('\n') == std::string::npos);
    BOOST_TEST(line.find(kTok) == std::string::npos);
    const auto j = nlohmann::json::parse(line, nullptr, false);
    BOOST_REQUIRE(j.is_object());
    BOOST_TEST(j.size() == 7u);
    BOOST_TEST(j["scheme"] == "http");
    BOOST_TEST(j["time"] == "2025-01-31T12:00:00.123Z");
    BOOST_TEST(j["method"] == "POST");
    BOOST_TEST(j["path"] == "/pay/[redacted]");
    BOOST_TEST(j["status"] == 201);
    BOOST_TEST(j["duration_ms"] == 17);
    BOOST_TEST(j["client"] == "192.0.2.7");
}

BOOST_AUTO_TEST_CASE(hostile_bytes_do_not_break_the_line) {
    pws::AccessLogEntry e;
    e.method = "GET";
    e.target = std::string("/a\n\"}\xff\xfe", 8);
    const std::string line = pws::format_access_log(e);
    BOOST_TEST(line.find('\n') == std::string::npos);
    BOOST_TEST(nlohmann::json::parse(line, nullptr, false).is_object());
}

BOOST_AUTO_TEST_CASE(log_writes_whole_lines_and_never_bodies_or_headers) {
    std::vector<std::string> lines;
    pws::AccessLog log([&](const std::string& l) { lines.push_back(l); });
    pws::http::Request req;
    req.method = "POST";
    req.target = "/api/v1/tokens";
    req.path = "/api/v1/tokens";
    req.body = R"({"card":{"number":"4242424242424242","cvc":"123"}})";
    req.set_header("Authorization", "Bearer sk_live_secret");
    req.set_header("Cookie", "pws_session=abc");
    pws::http::Response res;
    res.status = 200;
    res.body = R"({"token":"tok_123"})";
    log.log(req, res, 5, "198.51.100.1");
    BOOST_REQUIRE(lines.size() == 1u);
    for (const char* secret : {"4242", "123\"", "sk_live", "Bearer", "pws_session", "tok_123"})
        BOOST_TEST(lines[0].find(secret) == std::string::npos, secret);
    BOOST_TEST(lines[0].find("/api/v1/tokens") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_line_names_the_instance_that_answered) {
    // Several instances behind one load balancer write one log each; the
    // operator merging them must see which one served a request.
    std::vector<std::string> lines;
    pws::AccessLog named([&](const std::string& l) { lines.push_back(l); }, "ins_a1");
    pws::AccessLog unnamed([&](const std::string& l) { lines.push_back(l); });
    pws::http::Request req;
    req.method = "GET";
    req.target = "/healthz";
    req.path = "/healthz";
    pws::http::Response res;
    res.status = 200;
    named.log(req, res, 1, "198.51.100.1");
    unnamed.log(req, res, 1, "198.51.100.1");
    BOOST_REQUIRE(lines.size() == 2u);
    const nlohmann::json a = nlohmann::json::parse(lines[0], nullptr, false);
    const nlohmann::json b = nlohmann::json::parse(lines[1], nullptr, false);
    BOOST_TEST(a.value("instance", "") == "ins_a1");
    BOOST_TEST(!b.contains("instance"));
}

BOOST_AUTO_TEST_CASE(a_server_error_line_carries_the_code_and_its_cause) {
    pws::AccessLogEntry e;
    e.method = "POST";
    e.target = "/api/v1/tokens";
    e.status = 503;
    e.error = "storage_busy";
    e.cause = "tokens: store token: storage_busy";
    const nlohmann::json j = nlohmann::json::parse(pws::format_access_log(e), nullptr, false);
    BOOST_TEST(j["error"] == "storage_busy");
    BOOST_TEST(j["cause"] == "tokens: store token: storage_busy");
    e.cause.clear();
    BOOST_TEST(nlohmann::json::parse(pws::format_access_log(e))["cause"] == "unrecorded");
    e.status = 200;  // not an error line: no error members
    const nlohmann::json ok = nlohmann::json::parse(pws::format_access_log(e), nullptr, false);
    BOOST_TEST(!ok.contains("error"));
    BOOST_TEST(!ok.contains("cause"));
}

BOOST_AUTO_TEST_CASE(the_recorded_cause_is_taken_once_and_the_first_cause_wins) {
    pws::begin_request_errors();
    BOOST_TEST(!pws::take_error_cause().has_value());
    pws::note_error_cause("storage: busy");
    pws::note_error_cause("a consequence");
    pws::record_error_code("storage_busy");
    std::optional<pws::ErrorCause> c = pws::take_error_cause();
    BOOST_REQUIRE(c.has_value());
    BOOST_TEST(c->code == "storage_busy");
    BOOST_TEST(c->cause == "storage: busy");
    BOOST_TEST(!pws::take_error_cause().has_value());
}
