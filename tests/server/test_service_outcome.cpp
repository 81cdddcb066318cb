// The one mapping from a service's outcome to an HTTP answer
// (http/service_outcome.hpp): status, Retry-After, Idempotent-Replayed, the
// error body, and a cause on the log line of every 5xx.
#define BOOST_TEST_MODULE service_outcome
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "http/error_cause.hpp"
#include "http/service_outcome.hpp"

namespace {

nlohmann::json body_of(const pws::http::Response& res) { return nlohmann::json::parse(res.body, nullptr, false); }

// Answers `e` as a fresh request would, and returns what its log line
// would carry.
struct Answered {
    pws::http::Response res;
    std::optional<pws::ErrorCause> logged;
    explicit Answered(const pw::Error& e, std::string_view noted_cause = {}) {
        pws::begin_request_errors();
        if (!noted_cause.empty()) pws::note_error_cause(noted_cause);
        pws::send_service_error(res, e);
        logged = pws::take_error_cause();
    }
    nlohmann::json error() const { return body_of(res)["error"]; }
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_domain_error_gets_the_catalogue_status_message_and_field) {
    Answered a(pw::make_error("currency_mismatch", "currency", ""));
    BOOST_TEST(a.res.status == 422);
    BOOST_TEST(a.error()["code"] == "currency_mismatch");
    BOOST_TEST(a.error()["field"] == "currency");
    BOOST_TEST(!a.error()["message"].get<std::string>().empty());
    BOOST_TEST(!a.res.has_header("Retry-After"));
    BOOST_TEST(!a.logged.has_value());  // a 4xx writes no error line
}

BOOST_AUTO_TEST_CASE(a_busy_store_is_503_storage_busy_with_retry_after_and_a_cause) {
    Answered a(pw::make_error("storage_busy", "", ""));
    BOOST_TEST(a.res.status == 503);
    BOOST_TEST(a.error()["code"] == "storage_busy");
    BOOST_TEST(a.res.get_header_value("Retry-After") == "1");
    BOOST_REQUIRE(a.logged.has_value());
    BOOST_TEST(a.logged->code == "storage_busy");
    BOOST_TEST(a.logged->cause.find("storage: busy") == 0u);
}

BOOST_AUTO_TEST_CASE(any_other_store_failure_is_500_internal_error_and_never_names_the_store) {
    for (const char* code : {"storage_error", "schema_too_new", "nested_transaction", ""}) {
        BOOST_TEST_CONTEXT(code) {
            Answered a(pw::make_error(code, "payments", "disk I/O error"));
            BOOST_TEST(a.res.status == 500);
            BOOST_TEST(a.error()["code"] == "internal_error");
            BOOST_TEST(a.res.body.find("disk") == std::string::npos);
            BOOST_TEST(!a.res.has_header("Retry-After"));
            BOOST_REQUIRE(a.logged.has_value());
            BOOST_TEST(a.logged->code == "internal_error");
            BOOST_TEST(a.logged->cause.find("storage: ") == 0u);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_rate_limit_carries_its_wait_to_the_header_and_the_body) {
    Answered a(pws::rate_limited_error(37));
    BOOST_TEST(a.res.status == 429);
    BOOST_TEST(a.error()["code"] == "rate_limited");
    BOOST_TEST(a.res.get_header_value("Retry-After") == "37");
    BOOST_TEST(a.error()["retry_after"] == 37);
    // Never less than a second: "Retry-After: 0" would invite a tight loop.
    Answered zero(pws::rate_limited_error(0));
    BOOST_TEST(zero.res.get_header_value("Retry-After") == "1");
    BOOST_TEST(zero.error()["retry_after"] == 1);
}

BOOST_AUTO_TEST_CASE(a_server_failure_notes_where_it_failed_and_hides_what_is_not_the_stores) {
    pws::begin_request_errors();
    const pw::Error busy = pws::server_failure("payment: reserve", pw::make_error("storage_busy", "", ""));
    BOOST_TEST(busy.code == "storage_busy");  // busy stays busy: 503, try again
    pws::http::Response res;
    pws::send_service_error(res, busy);
    std::optional<pws::ErrorCause> logged = pws::take_error_cause();
    BOOST_REQUIRE(logged.has_value());
    BOOST_TEST(logged->cause == "payment: reserve: storage_busy");  // the service's cause wins
    BOOST_TEST(res.status == 503);

    // A record that must exist and did not: the client gets 500, not 404.
    pws::begin_request_errors();
    const pw::Error missing = pws::server_failure("tokens: limits and invoice", pw::make_error("not_found", "", ""));
    BOOST_TEST(missing.code == "internal_error");
    logged = pws::take_error_cause();
    BOOST_REQUIRE(logged.has_value());
    BOOST_TEST(logged->cause == "tokens: limits and invoice: not_found");
}

BOOST_AUTO_TEST_CASE(every_5xx_gets_a_cause_even_when_the_service_noted_none) {
    for (const char* code : {"processor_unavailable", "internal_error", "processor_refused"}) {
        BOOST_TEST_CONTEXT(code) {
            Answered a(pw::make_error(code, "", ""));
            BOOST_TEST(a.res.status >= 500);
            BOOST_REQUIRE(a.logged.has_value());
            BOOST_TEST(a.logged->code == code);
            BOOST_TEST(!a.logged->cause.empty());
        }
    }
    // A cause the service noted is kept.
    Answered noted(pw::make_error("processor_unavailable", "", ""), "refund re_1: lookup failed");
    BOOST_REQUIRE(noted.logged.has_value());
    BOOST_TEST(noted.logged->cause == "refund re_1: lookup failed");
}

BOOST_AUTO_TEST_CASE(a_keyed_reply_is_sent_verbatim_and_a_replay_says_so) {
    const std::string stored = R"({"payment":{"id":"pay_1"}})";
    pws::http::Response fresh;
    pws::send_keyed_reply(fresh, pws::KeyedReply{200, stored, false});
    BOOST_TEST(fresh.status == 200);
    BOOST_TEST(fresh.body == stored);
    BOOST_TEST(fresh.get_header_value("Content-Type") == "application/json; charset=utf-8");
    BOOST_TEST(!fresh.has_header("Idempotent-Replayed"));

    pws::http::Response replay;
    pws::send_keyed_reply(replay, pws::KeyedReply{201, stored, true});
    BOOST_TEST(replay.status == 201);
    BOOST_TEST(replay.body == stored);
    BOOST_TEST(replay.get_header_value("Idempotent-Replayed") == "true");
}
