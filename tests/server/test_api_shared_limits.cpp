// Rate limits hold across instances (issue 10): two server processes on one
// database, a payer (or a guesser) alternating between them, get the limit
// once in total, not once per instance. Each case fails with the old
// in-process limiter (it counted 2x the limit here).
#define BOOST_TEST_MODULE api_shared_limits
#include <boost/test/unit_test.hpp>

#include "server_process.hpp"

using namespace pws_test;

namespace {

struct TwoInstances {
    TempDir dir;
    std::string d = dir.path().string();
    Seeder seed{d};
    ServerProcess a{d};
    ServerProcess b{d};
    std::string practice = seed.practice();

    TwoInstances() {
        BOOST_REQUIRE(seed.ok());
        BOOST_REQUIRE(a.start());
        BOOST_REQUIRE(b.start());
    }
    ServerProcess& turn(int i) { return i % 2 == 0 ? a : b; }
};

}  // namespace

BOOST_AUTO_TEST_CASE(twenty_tokens_per_link_in_total) {
    TwoInstances w;
    const std::string invoice = w.seed.invoice(w.practice, w.seed.client(w.practice), InvoiceSpec{});
    const SeededLink link = w.seed.link(w.practice, invoice);
    auto ca = w.a.client(), cb = w.b.client();
    int created = 0, limited = 0;
    for (int i = 0; i < 40; ++i) {
        Reply r = post_token(i % 2 == 0 ? *ca : *cb, link.token, card_body("4242424242424242"));
        if (r.status == 201) ++created;
        else if (r.status == 429 && r.error_code() == "rate_limited") ++limited;
    }
    BOOST_TEST(created == 20);  // the limit: 20 per link per 10 minutes
    BOOST_TEST(limited == 20);
}

BOOST_AUTO_TEST_CASE(five_declines_per_link_in_total) {
    TwoInstances w;
    const std::string invoice = w.seed.invoice(w.practice, w.seed.client(w.practice), InvoiceSpec{}.with_total(20000));
    const SeededLink link = w.seed.link(w.practice, invoice);
    auto ca = w.a.client(), cb = w.b.client();
    int declined = 0, limited = 0;
    for (int i = 0; i < 10; ++i) {
        pwhttp::Client& c = i % 2 == 0 ? *ca : *cb;
        const std::string tok = card_token(c, link.token, "4000000000000002");
        BOOST_REQUIRE(!tok.empty());
        Reply r = post_payment(c, link.token, invoice, pay_body(20000, tok), new_key());
        if (r.status == 429) ++limited;
        else if (r.status == 200 && r.body["payment"]["status"] == "declined") ++declined;
    }
    BOOST_TEST(declined == 5);  // the limit: 5 declines per link per 30 minutes
    BOOST_TEST(limited == 5);
}

BOOST_AUTO_TEST_CASE(a_payment_that_does_not_decline_gives_its_attempt_back) {
    TwoInstances w;
    auto ca = w.a.client(), cb = w.b.client();
    // Sixteen good payments from one address, across both instances, on
    // sixteen invoices: more than the 15 declines an address may spend, had
    // they been counted.
    const std::string client = w.seed.client(w.practice);
    for (int i = 0; i < 16; ++i) {
        const std::string invoice = w.seed.invoice(w.practice, client, InvoiceSpec{}.with_total(5000));
        const SeededLink link = w.seed.link(w.practice, invoice);
        pwhttp::Client& c = i % 2 == 0 ? *ca : *cb;
        const std::string tok = card_token(c, link.token, "4242424242424242");
        BOOST_REQUIRE(!tok.empty());
        Reply r = post_payment(c, link.token, invoice, pay_body(5000, tok), new_key());
        BOOST_TEST(r.status == 200);
    }
}

BOOST_AUTO_TEST_CASE(five_sign_in_attempts_per_email_in_total) {
    TwoInstances w;
    const std::string client = w.seed.client(w.practice, /*portal=*/true);
    std::string email;
    {
        pw::Error e = w.seed.store().read_transaction([&](pws::ReadTxn& t) -> pw::Error {
            auto c = t.client(client);
            if (!c.ok()) return c.error;
            email = c.value.email;
            return {};
        });
        BOOST_REQUIRE(!e);
    }
    auto ca = w.a.client(), cb = w.b.client();
    int refused = 0, limited = 0;
    for (int i = 0; i < 10; ++i) {
        const json body = {{"email", email}, {"password", "guess number " + std::to_string(i)}};
        Reply r = to_reply((i % 2 == 0 ? *ca : *cb).Post("/api/v1/session", body.dump(), "application/json"));
        if (r.status == 401) ++refused;
        else if (r.status == 429) ++limited;
    }
    BOOST_TEST(refused == 5);  // the limit: 5 per email per 15 minutes
    BOOST_TEST(limited == 5);
}
