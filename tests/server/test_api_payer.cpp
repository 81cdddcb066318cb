// Payer API against the real server binary: link lookup (ok, expired,
// revoked, unknown, login required), tokens (valid card, each invalid field,
// binding to the link, single use, rate limit), receipts without the right
// link, body limits, saved cards never in a link view.
#define BOOST_TEST_MODULE api_payer
#include <boost/test/unit_test.hpp>

#include <chrono>

#include "paywidget/date.hpp"
#include "api_steps.hpp"
#include "suite_server.hpp"

using namespace pws_test;


BOOST_AUTO_TEST_CASE(health_answers_ok) {
    auto c = env().server.client();
    auto r = to_reply(c->Get("/healthz"));
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.body["status"] == "ok");
}

BOOST_AUTO_TEST_CASE(link_lookup_returns_the_invoice_view) {
    auto [inv, link] = env().invoice_with_link(InvoiceSpec{}.with_total(20400).percent_min(2500));
    auto c = env().server.client();
    Reply r = get_link(*c, link.token);
    BOOST_REQUIRE(r.status == 200);
    BOOST_TEST(r.body["invoice"]["id"] == inv);
    BOOST_TEST(r.body["invoice"]["balance"] == 20400);
    BOOST_TEST(r.body["session"] == "link");
    BOOST_TEST(r.body["payable"] == true);
    BOOST_TEST(r.body["options"]["partial_allowed"] == true);
    BOOST_TEST(r.body["options"]["minimum"] == 5100);  // 25% of 204.00
    BOOST_TEST(r.body["options"]["maximum_partial"] == 20399);
    BOOST_TEST(r.body["options"]["payments_left"] == 2);
    BOOST_TEST(r.body["receipt_url"].is_null());
    // The server's UTC date, by which the widget judges card expiry (the
    // day before, should the request have crossed midnight).
    const std::int64_t days =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count() /
        86400;
    BOOST_TEST_REQUIRE(r.body["today"].is_string());
    const std::string today = r.body["today"];
    BOOST_TEST((today == pw::format_iso_date(pw::civil_from_days(days)) ||
                today == pw::format_iso_date(pw::civil_from_days(days - 1))),
               today);
    BOOST_TEST(r.headers.find("Referrer-Policy")->second == "no-referrer");
    // The access log never shows the token.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    BOOST_TEST(env().server.stdout_text().find(link.token) == std::string::npos);
    BOOST_TEST(env().server.stdout_text().find("/api/v1/links/[redacted]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(link_view_lists_mandates_of_accepted_schemes) {
    auto [inv, link] = env().invoice_with_link(InvoiceSpec{}.bank(pw::BankScheme::ach));
    auto c = env().server.client();
    Reply r = get_link(*c, link.token);
    BOOST_REQUIRE(r.status == 200);
    BOOST_REQUIRE(r.body["mandates"].size() == 1u);
    BOOST_TEST(r.body["mandates"][0]["scheme"] == "ach");
    BOOST_TEST(r.body["mandates"][0]["version"] == pw::mandate_text(pw::BankScheme::ach, "en", "").version);
    BOOST_TEST(r.body["mandates"][0]["locale"] == "en");
    BOOST_TEST(r.body["mandates"][0]["text"].get<std::string>().find("Dr. Ada Lovelace") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(expired_link_is_410_with_practitioner) {
    auto& e = env();
    std::string inv = e.seed.invoice(e.practice, e.client);
    SeededLink link = e.seed.link(e.practice, inv, -60);
    auto c = e.server.client();
    Reply r = get_link(*c, link.token);
    BOOST_TEST(r.status == 410);
    BOOST_TEST(r.error_code() == "link_expired");
    BOOST_TEST(r.body["error"]["practitioner"]["email"] == "ada@practice.example");
    // The same on a payer endpoint.
    Reply t = post_token(*c, link.token, card_body("4242424242424242"));
    BOOST_TEST(t.status == 410);
    BOOST_TEST(t.error_code() == "link_expired");
}

BOOST_AUTO_TEST_CASE(revoked_link_is_410) {
    auto& e = env();
    std::string inv = e.seed.invoice(e.practice, e.client);
    SeededLink link = e.seed.link(e.practice, inv, 86400, true);
    auto c = e.server.client();
    Reply r = get_link(*c, link.token);
    BOOST_TEST(r.status == 410);
    BOOST_TEST(r.error_code() == "link_revoked");
    BOOST_TEST(r.body["error"]["practitioner"]["name"] == "Dr. Ada Lovelace");
}

BOOST_AUTO_TEST_CASE(unknown_link_is_404) {
    auto c = env().server.client();
    Reply r = get_link(*c, pws::random_token());
    BOOST_TEST(r.status == 404);
    BOOST_TEST(r.error_code() == "link_unknown");
    Reply t = post_token(*c, "not-a-token", card_body("4242424242424242"));
    BOOST_TEST(t.status == 404);
    BOOST_TEST(t.error_code() == "link_unknown");
}

BOOST_AUTO_TEST_CASE(activated_client_needs_login_on_every_payer_endpoint) {
    auto& e = env();
    std::string portal_client = e.seed.client(e.practice, true);
    std::string inv = e.seed.invoice(e.practice, portal_client);
    SeededLink link = e.seed.link(e.practice, inv);
    auto c = e.server.client();
    Reply r = get_link(*c, link.token);
    BOOST_TEST(r.status == 403);
    BOOST_TEST(r.error_code() == "login_required");
    const std::string url = r.body["error"]["login_url"].get<std::string>();
    BOOST_TEST(url.rfind("/portal/login?next=", 0) == 0u);
    BOOST_TEST(url.find(inv) != std::string::npos);
    BOOST_TEST(url.find(link.token) == std::string::npos);
    Reply t = post_token(*c, link.token, card_body("4242424242424242"));
    BOOST_TEST(t.status == 403);
    BOOST_TEST(t.error_code() == "login_required");
    Reply p = post_payment(*c, link.token, inv, pay_body(100, "tok_x"), new_key());
    BOOST_TEST(p.status == 403);
    BOOST_TEST(p.error_code() == "login_required");
}

BOOST_AUTO_TEST_CASE(saved_card_never_in_a_link_view) {
    auto& e = env();
    std::string cl = e.seed.client(e.practice);
    e.seed.saved_card(e.practice, cl);
    std::string inv = e.seed.invoice(e.practice, cl);
    SeededLink link = e.seed.link(e.practice, inv);
    auto c = e.server.client();
    Reply r = get_link(*c, link.token);
    BOOST_REQUIRE(r.status == 200);
    BOOST_TEST(r.body["saved_methods"].is_array());
    BOOST_TEST(r.body["saved_methods"].empty());
    BOOST_TEST(r.body["can_save_method"] == false);
    BOOST_TEST(r.body.dump().find("4444") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(valid_card_gives_a_token) {
    auto [inv, link] = env().invoice_with_link();
    auto c = env().server.client();
    Reply r = post_token(*c, link.token, card_body("4242 4242 4242 4242", "12/34"));
    BOOST_REQUIRE(r.status == 201);
    BOOST_TEST(r.body["token"].get<std::string>().rfind("tok_", 0) == 0u);
    BOOST_TEST(r.body["type"] == "card");
    BOOST_TEST(r.body["brand"] == "visa");
    BOOST_TEST(r.body["last4"] == "4242");
    BOOST_TEST(r.body["exp_month"] == 12);
    BOOST_TEST(r.body["exp_year"] == 2034);
    // Neither the PAN nor the CVC reaches the logs.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const std::string logs = env().server.stdout_text() + env().server.stderr_text();
    BOOST_TEST(logs.find("4242424242424242") == std::string::npos);
    BOOST_TEST(logs.find("4242 4242 4242 4242") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(each_invalid_card_field_is_422_naming_it) {
    auto [inv, link] = env().invoice_with_link();
    auto c = env().server.client();
    struct Case {
        json body;
        std::string code;
        std::string field;
    };
    json no_name = card_body("4242424242424242");
    no_name["name"] = "  ";
    json bad_postal = card_body("4242424242424242");
    bad_postal["postal_code"] = "!";
    const std::vector<Case> cases = {
        {card_body("4242424242424241"), "invalid_card_number", "number"},
        {card_body("4242 4242"), "card_number_incomplete", "number"},
        {card_body("4242424242424242", "01/20"), "card_expired", "exp"},
        {card_body("4242424242424242", "13/30"), "invalid_expiry_month", "exp"},
        {card_body("4242424242424242", "12/34", "12"), "cvc_incomplete", "cvc"},
        {no_name, "name_required", "name"},
        {bad_postal, "invalid_postal_code", "postal_code"},
    };
    for (const Case& k : cases) {
        Reply r = post_token(*c, link.token, k.body);
        BOOST_TEST(r.status == 422, k.code);
        BOOST_TEST(r.error_code() == k.code);
        BOOST_TEST(r.error_field() == k.field);
        BOOST_TEST(!r.body["error"]["message"].get<std::string>().empty());
    }
    // A typo'd member is refused, not ignored.
    json typo = card_body("4242424242424242");
    typo["save_card"] = true;
    Reply r = post_token(*c, link.token, typo);
    BOOST_TEST(r.status == 422);
    BOOST_TEST(r.error_code() == "unknown_field");
}

BOOST_AUTO_TEST_CASE(bank_debit_checks_scheme_mandate_and_fields) {
    auto [inv, link] = env().invoice_with_link(InvoiceSpec{}.bank(pw::BankScheme::ach));
    auto c = env().server.client();
    json outdated = ach_body();
    outdated["mandate"]["text_version"] = "ach-2019-01";
    Reply r = post_token(*c, link.token, outdated);
    BOOST_TEST(r.status == 422);
    BOOST_TEST(r.error_code() == "mandate_outdated");
    json bad_routing = ach_body();
    bad_routing["routing_number"] = "110000001";
    r = post_token(*c, link.token, bad_routing);
    BOOST_TEST(r.status == 422);
    BOOST_TEST(r.error_code() == "invalid_routing_number");
    BOOST_TEST(r.error_field() == "routing_number");
    json sepa = {{"type", "bank_debit"},     {"scheme", "sepa"}, {"account_holder", "Max"},
                 {"iban", "DE89 3704 0044 0532 0130 00"}, {"mandate", {{"accepted", true}, {"text_version", pw::mandate_text(pw::BankScheme::sepa, "en", "").version}}}};
    r = post_token(*c, link.token, sepa);
    BOOST_TEST(r.status == 422);
    BOOST_TEST(r.error_code() == "method_not_accepted");
    r = post_token(*c, link.token, ach_body());
    BOOST_TEST(r.status == 201);
    BOOST_TEST(r.body["type"] == "bank_debit");
    BOOST_TEST(r.body["brand"] == "ach");
    BOOST_TEST(r.body["last4"] == "6789");
    BOOST_TEST(r.body["exp_month"].is_null());
}

BOOST_AUTO_TEST_CASE(token_is_bound_to_its_link_and_single_use) {
    auto& e = env();
    std::string inv = e.seed.invoice(e.practice, e.client);
    SeededLink a = e.seed.link(e.practice, inv);
    SeededLink b = e.seed.link(e.practice, inv);
    auto c = e.server.client();
    const std::string tok = card_token(*c, a.token);
    BOOST_REQUIRE(!tok.empty());
    // Another link of the same invoice cannot use it.
    Reply other = post_payment(*c, b.token, inv, pay_body(20000, tok), new_key());
    BOOST_TEST(other.status == 422);
    BOOST_TEST(other.error_code() == "token_invalid");
    BOOST_TEST(other.error_field() == "token");
    // Its own link can, once.
    Reply first = post_payment(*c, a.token, inv, pay_body(5000, tok), new_key());
    BOOST_TEST(first.status == 200);
    BOOST_TEST(first.body["payment"]["status"] == "succeeded");
    Reply again = post_payment(*c, a.token, inv, pay_body(15000, tok), new_key());
    BOOST_TEST(again.status == 409);
    BOOST_TEST(again.error_code() == "token_used");
}

BOOST_AUTO_TEST_CASE(tokenization_is_rate_limited_per_link) {
    auto [inv, link] = env().invoice_with_link();
    auto c = env().server.client();
    int created = 0;
    Reply last;
    for (int i = 0; i < 40; ++i) {
        last = post_token(*c, link.token, card_body("4242424242424242"));
        if (last.status != 201) break;
        ++created;
    }
    BOOST_TEST(created >= 1);
    BOOST_TEST(created < 40);
    BOOST_TEST(last.status == 429);
    BOOST_TEST(last.error_code() == "rate_limited");
    BOOST_TEST(last.body["error"]["retry_after"].get<int>() >= 1);
    BOOST_TEST(last.headers.count("Retry-After") == 1u);
    // Another link is not affected.
    auto [inv2, link2] = env().invoice_with_link();
    BOOST_TEST(!card_token(*c, link2.token).empty());
}

BOOST_AUTO_TEST_CASE(receipt_needs_the_right_link) {
    auto& e = env();
    std::string inv = e.seed.invoice(e.practice, e.client);
    SeededLink link = e.seed.link(e.practice, inv);
    auto [other_inv, other_link] = e.invoice_with_link();
    auto c = e.server.client();
    Reply paid = pay_by_card(*c, link.token, inv, 20000);
    BOOST_REQUIRE(paid.status == 200);
    const std::string url = paid.body["receipt_url"].get<std::string>();
    const std::string pay_id = paid.body["payment"]["id"].get<std::string>();
    BOOST_TEST(url == "/api/v1/receipts/" + pay_id);

    Reply mine = to_reply(c->Get(url.c_str(), link_auth(link.token)));
    BOOST_REQUIRE(mine.status == 200);
    BOOST_TEST(mine.body["payment_id"] == pay_id);
    BOOST_TEST(mine.body["invoice"]["status"] == "paid");
    BOOST_TEST(mine.body["balance"] == 0);
    BOOST_TEST(mine.body["payments"].size() == 1u);

    Reply wrong = to_reply(c->Get(url.c_str(), link_auth(other_link.token)));
    BOOST_TEST(wrong.status == 404);
    BOOST_TEST(wrong.error_code() == "not_found");
    Reply none = to_reply(c->Get(url.c_str()));
    BOOST_TEST(none.status == 401);
    Reply unknown = to_reply(c->Get("/api/v1/receipts/pay_nope", link_auth(link.token)));
    BOOST_TEST(unknown.status == 404);
    // The paid invoice's view now points at the receipt and is not payable.
    Reply view = get_link(*c, link.token);
    BOOST_TEST(view.body["payable"] == false);
    BOOST_TEST(view.body["receipt_url"] == url);
}

BOOST_AUTO_TEST_CASE(megabyte_body_is_413) {
    auto [inv, link] = env().invoice_with_link();
    auto c = env().server.client();
    std::string big = "{\"type\":\"card\",\"name\":\"" + std::string(1 << 20, 'a') + "\"}";
    auto r = to_reply(c->Post("/api/v1/tokens", link_auth(link.token), big, "application/json"));
    BOOST_TEST(r.status == 413);
    BOOST_TEST(r.error_code() == "body_too_large");
}

BOOST_AUTO_TEST_CASE(malformed_and_wrong_type_bodies) {
    auto [inv, link] = env().invoice_with_link();
    auto c = env().server.client();
    auto bad = to_reply(c->Post("/api/v1/tokens", link_auth(link.token), "{\"type\": \"card\",", "application/json"));
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.error_code() == "invalid_json");
    auto dup = to_reply(c->Post("/api/v1/tokens", link_auth(link.token), R"({"type":"card","type":"card"})",
                                "application/json"));
    BOOST_TEST(dup.status == 400);
    BOOST_TEST(dup.error_code() == "duplicate_field");
    auto text = to_reply(c->Post("/api/v1/tokens", link_auth(link.token), "number=4242", "text/plain"));
    BOOST_TEST(text.status == 415);
    BOOST_TEST(text.error_code() == "unsupported_media_type");
    auto pay = to_reply(c->Post(("/api/v1/invoices/" + inv + "/payments").c_str(),
                                pwhttp::Headers{{"Authorization", "Link " + link.token}, {"Idempotency-Key", "k1"}},
                                R"({"amount": "100", "currency": "USD", "token": "tok_x"})", "application/json"));
    BOOST_TEST(pay.status == 422);
    BOOST_TEST(pay.error_code() == "wrong_type");
    BOOST_TEST(pay.error_field() == "amount");
}

BOOST_AUTO_TEST_CASE(sigterm_stops_the_server_cleanly) {
    TempDir dir;
    ServerProcess s(dir.path().string());
    BOOST_REQUIRE(s.start());
    BOOST_TEST(s.stdout_text().find("listening on http://127.0.0.1:" + std::to_string(s.port())) !=
               std::string::npos);
    BOOST_TEST(s.terminate() == 0);
}
