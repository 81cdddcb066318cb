// Payments against the real server binary: full, partial then remainder,
// amount rules, idempotent replay and mismatch, every test-card decline,
// rules for link payers, bank debits that settle or are returned.
#define BOOST_TEST_MODULE api_payments
#include <boost/test/unit_test.hpp>

#include "api_steps.hpp"
#include "suite_server.hpp"

using namespace pws_test;


BOOST_AUTO_TEST_CASE(pay_in_full) {
    auto [inv, link] = env().invoice_with_link(InvoiceSpec{}.with_total(20000));
    auto c = env().server.client();
    Reply r = pay_by_card(*c, link.token, inv, 20000);
    BOOST_REQUIRE(r.status == 200);
    BOOST_TEST(r.body["payment"]["status"] == "succeeded");
    BOOST_TEST(r.body["payment"]["amount"] == 20000);
    BOOST_TEST(r.body["payment"]["method"]["brand"] == "visa");
    BOOST_TEST(r.body["payment"]["method"]["last4"] == "4242");
    BOOST_TEST(r.body["payment"]["decline"].is_null());
    BOOST_TEST(r.body["invoice"]["balance"] == 0);
    BOOST_TEST(r.body["invoice"]["status"] == "paid");
    BOOST_TEST(r.body["receipt_url"].is_string());
    // Nothing more to pay.
    Reply more = pay_by_card(*c, link.token, inv, 100);
    BOOST_TEST(more.status == 409);
    BOOST_TEST(more.error_code() == "invoice_not_payable");
}

BOOST_AUTO_TEST_CASE(partial_then_remainder) {
    auto [inv, link] = env().invoice_with_link(InvoiceSpec{}.with_total(20400).percent_min(2500));
    auto c = env().server.client();
    Reply first = pay_by_card(*c, link.token, inv, 5100);
    BOOST_REQUIRE(first.status == 200);
    BOOST_TEST(first.body["payment"]["status"] == "succeeded");
    BOOST_TEST(first.body["invoice"]["balance"] == 15300);
    BOOST_TEST(first.body["invoice"]["status"] == "partially_paid");
    BOOST_TEST(first.body["invoice"]["payments_left"] == 1);
    // The view now offers only the full remainder.
    Reply view = get_link(*c, link.token);
    BOOST_TEST(view.body["options"]["partial_allowed"] == false);
    BOOST_TEST(view.body["options"]["minimum"] == 15300);
    // The second (last) payment must clear the balance.
    Reply partial = pay_by_card(*c, link.token, inv, 5000);
    BOOST_TEST(partial.status == 422);
    BOOST_TEST(partial.error_code() == "must_pay_balance");
    BOOST_TEST(partial.error_field() == "amount");
    Reply rest = pay_by_card(*c, link.token, inv, 15300);
    BOOST_REQUIRE(rest.status == 200);
    BOOST_TEST(rest.body["invoice"]["balance"] == 0);
    BOOST_TEST(rest.body["invoice"]["status"] == "paid");
}

BOOST_AUTO_TEST_CASE(amount_rules_are_checked_by_the_server) {
    auto [inv, link] = env().invoice_with_link(InvoiceSpec{}.with_total(20000).fixed_min(2500));
    auto c = env().server.client();
    const std::string tok = card_token(*c, link.token);
    Reply low = post_payment(*c, link.token, inv, pay_body(2499, tok), new_key());
    BOOST_TEST(low.status == 422);
    BOOST_TEST(low.error_code() == "below_minimum");
    BOOST_TEST(low.error_field() == "amount");
    Reply high = post_payment(*c, link.token, inv, pay_body(20001, tok), new_key());
    BOOST_TEST(high.status == 422);
    BOOST_TEST(high.error_code() == "above_balance");
    Reply cur = post_payment(*c, link.token, inv, pay_body(20000, tok, "EUR"), new_key());
    BOOST_TEST(cur.status == 422);
    BOOST_TEST(cur.error_code() == "currency_mismatch");
    // A refused request does not use up the token.
    Reply ok = post_payment(*c, link.token, inv, pay_body(2500, tok), new_key());
    BOOST_TEST(ok.status == 200);
    // Partial payments off: the full balance only.
    auto [inv2, link2] = env().invoice_with_link(InvoiceSpec{}.with_total(9000).no_partial());
    Reply part = pay_by_card(*c, link2.token, inv2, 4500);
    BOOST_TEST(part.status == 422);
    BOOST_TEST(part.error_code() == "partial_not_allowed");
}

BOOST_AUTO_TEST_CASE(link_payer_may_not_save_or_use_saved_cards) {
    auto [inv, link] = env().invoice_with_link();
    auto c = env().server.client();
    json save = pay_body(20000, card_token(*c, link.token));
    save["save_method"] = true;
    Reply r = post_payment(*c, link.token, inv, save, new_key());
    BOOST_TEST(r.status == 403);
    BOOST_TEST(r.error_code() == "save_method_not_allowed");
    Reply s = post_payment(*c, link.token, inv,
                           json{{"amount", 20000}, {"currency", "USD"}, {"payment_method_id", "pm_x"}}, new_key());
    BOOST_TEST(s.status == 403);
    BOOST_TEST(s.error_code() == "saved_method_not_allowed");
}

BOOST_AUTO_TEST_CASE(idempotency_key_is_required_and_checked) {
    auto [inv, link] = env().invoice_with_link();
    auto c = env().server.client();
    const std::string tok = card_token(*c, link.token);
    Reply none = post_payment(*c, link.token, inv, pay_body(20000, tok), "");
    BOOST_TEST(none.status == 400);
    BOOST_TEST(none.error_code() == "idempotency_key_required");
    Reply bad = post_payment(*c, link.token, inv, pay_body(20000, tok), "has space");
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(bad.error_code() == "invalid_idempotency_key");
}

BOOST_AUTO_TEST_CASE(replay_returns_the_stored_response_and_charges_once) {
    auto& e = env();
    auto [inv, link] = e.invoice_with_link(InvoiceSpec{}.with_total(20000));
    auto c = e.server.client();
    const std::string key = new_key();
    const json body = pay_body(6000, card_token(*c, link.token));
    Reply first = post_payment(*c, link.token, inv, body, key);
    BOOST_REQUIRE(first.status == 200);
    Reply second = post_payment(*c, link.token, inv, body, key);
    BOOST_TEST(second.status == 200);
    BOOST_TEST(second.body == first.body);
    BOOST_TEST(second.headers.count("Idempotent-Replayed") == 1u);
    // Key order does not matter: the canonical body is compared.
    json reordered = json::parse(R"({"token": ")" + body["token"].get<std::string>() +
                                 R"(", "currency": "USD", "amount": 6000})");
    Reply third = post_payment(*c, link.token, inv, reordered, key);
    BOOST_TEST(third.status == 200);
    BOOST_TEST(third.body == first.body);
    // One payment, one charge.
    auto pays = e.seed.payments(inv);
    BOOST_TEST(pays.size() == 1u);
    BOOST_TEST(e.seed.invoice_now(inv).balance == 14000);
    BOOST_TEST(ledger_charge_count(e.server.ledger_path(), "key = '" + pays.at(0).charge_key + "'") == 1);
    // Same key, different body: 409.
    Reply other = post_payment(*c, link.token, inv, pay_body(7000, body["token"].get<std::string>()), key);
    BOOST_TEST(other.status == 409);
    BOOST_TEST(other.error_code() == "idempotency_mismatch");
}

// Keys are scoped per payer: another payer's key is never "the same key".
BOOST_AUTO_TEST_CASE(two_payers_reusing_one_key_each_get_their_own_payment) {
    auto& e = env();
    auto [inv, link] = e.invoice_with_link(InvoiceSpec{}.with_total(20000));
    const SeededLink other_link = e.seed.link(e.practice, inv);  // e.g. a family member's copy
    auto [inv2, link2] = e.invoice_with_link(InvoiceSpec{}.with_total(9000));
    auto c = e.server.client();
    const std::string key = new_key();
    Reply a = post_payment(*c, link.token, inv, pay_body(5000, card_token(*c, link.token)), key);
    Reply b = post_payment(*c, other_link.token, inv, pay_body(15000, card_token(*c, other_link.token)), key);
    Reply d = post_payment(*c, link2.token, inv2, pay_body(9000, card_token(*c, link2.token)), key);
    BOOST_REQUIRE(a.status == 200);
    BOOST_REQUIRE(b.status == 200);
    BOOST_REQUIRE(d.status == 200);
    BOOST_TEST(b.headers.count("Idempotent-Replayed") == 0u);
    BOOST_TEST(a.body["payment"]["id"] != b.body["payment"]["id"]);
    BOOST_TEST(b.body["payment"]["amount"] == 15000);
    BOOST_TEST(e.seed.payments(inv).size() == 2u);
    BOOST_TEST(e.seed.invoice_now(inv).balance == 0);
    BOOST_TEST(d.body["invoice"]["status"] == "paid");
    // Within one payer the key still replays.
    Reply again = post_payment(*c, link.token, inv, pay_body(5000, "tok_unused"), key);
    BOOST_TEST(again.status == 409);
    BOOST_TEST(again.error_code() == "idempotency_mismatch");
}

BOOST_AUTO_TEST_CASE(each_test_card_decline_is_a_200_with_its_code) {
    auto& e = env();
    struct Case {
        std::string number, status, code;
    };
    const std::vector<Case> cases = {
        {"4000000000000002", "declined", "generic_decline"},
        {"4000000000009995", "declined", "insufficient_funds"},
        {"4000000000000069", "declined", "expired_card"},
        {"4000000000000127", "declined", "incorrect_cvc"},
        {"4000000000000119", "failed", "processing_error"},
    };
    auto c = e.server.client();
    for (const Case& k : cases) {
        // One link per card: declines are rate limited per link.
        auto [inv, link] = e.invoice_with_link(InvoiceSpec{}.with_total(20000));
        const std::string tok = card_token(*c, link.token, k.number);
        BOOST_REQUIRE(!tok.empty());
        Reply r = post_payment(*c, link.token, inv, pay_body(20000, tok), new_key());
        BOOST_TEST(r.status == 200, k.number);
        BOOST_TEST(r.body["payment"]["status"] == k.status, k.number);
        BOOST_TEST(r.body["payment"]["decline"]["code"] == k.code, k.number);
        BOOST_TEST(!r.body["payment"]["decline"]["message"].get<std::string>().empty());
        BOOST_TEST(r.body["receipt_url"].is_null());
        // A decline reserves nothing.
        BOOST_TEST(r.body["invoice"]["balance"] == 20000);
        BOOST_TEST(r.body["invoice"]["payments_left"] == 2);
    }
}

BOOST_AUTO_TEST_CASE(declines_are_rate_limited_per_link) {
    auto& e = env();
    auto [inv, link] = e.invoice_with_link(InvoiceSpec{}.with_total(20000));
    auto c = e.server.client();
    int status = 0;
    for (int i = 0; i < 8 && status != 429; ++i) {
        const std::string tok = card_token(*c, link.token, "4000000000000002");
        if (tok.empty()) break;
        status = post_payment(*c, link.token, inv, pay_body(20000, tok), new_key()).status;
    }
    BOOST_TEST(status == 429);
}

BOOST_AUTO_TEST_CASE(ach_debit_is_processing_then_settles) {
    auto& e = env();
    auto [inv, link] = e.invoice_with_link(InvoiceSpec{}.with_total(20000).bank_only(pw::BankScheme::ach));
    auto c = e.server.client();
    // Cards are not accepted on this invoice.
    Reply card = post_token(*c, link.token, card_body("4242424242424242"));
    BOOST_TEST(card.status == 422);
    BOOST_TEST(card.error_code() == "method_not_accepted");
    Reply tok = post_token(*c, link.token, ach_body());
    BOOST_REQUIRE(tok.status == 201);
    Reply r = post_payment(*c, link.token, inv, pay_body(20000, tok.body["token"].get<std::string>()), new_key());
    BOOST_REQUIRE(r.status == 200);
    BOOST_TEST(r.body["payment"]["status"] == "processing");
    BOOST_TEST(r.body["invoice"]["balance"] == 0);  // reserved while it settles
    const std::string receipt = r.body["receipt_url"].get<std::string>();
    auto s = to_reply(c->Post("/api/v1/test/settle", "", "application/json"));
    BOOST_TEST(s.status == 200);
    Reply rec = to_reply(c->Get(receipt.c_str(), link_auth(link.token)));
    BOOST_REQUIRE(rec.status == 200);
    BOOST_TEST(rec.body["payments"][0]["status"] == "succeeded");
    BOOST_TEST(rec.body["invoice"]["status"] == "paid");
}

BOOST_AUTO_TEST_CASE(returned_debit_restores_the_balance) {
    auto& e = env();
    auto [inv, link] = e.invoice_with_link(InvoiceSpec{}.with_total(20000).bank_only(pw::BankScheme::ach));
    auto c = e.server.client();
    Reply tok = post_token(*c, link.token, ach_body("000222222227"));
    BOOST_REQUIRE(tok.status == 201);
    Reply r = post_payment(*c, link.token, inv, pay_body(20000, tok.body["token"].get<std::string>()), new_key());
    BOOST_REQUIRE(r.status == 200);
    BOOST_TEST(r.body["payment"]["status"] == "processing");
    to_reply(c->Post("/api/v1/test/settle", "", "application/json"));
    Reply rec = to_reply(c->Get(r.body["receipt_url"].get<std::string>().c_str(), link_auth(link.token)));
    BOOST_REQUIRE(rec.status == 200);
    BOOST_TEST(rec.body["payments"][0]["status"] == "failed");
    BOOST_TEST(rec.body["payments"][0]["decline"]["code"] == "insufficient_funds");
    BOOST_TEST(rec.body["balance"] == 20000);
    Reply view = get_link(*c, link.token);
    BOOST_TEST(view.body["invoice"]["balance"] == 20000);
    BOOST_TEST(view.body["payable"] == true);
}
