// Crash safety with the real binary: the server is killed (PWS_CRASH_AT, an
// _exit(137) like kill -9) before or after the processor's charge, then
// restarted on the same database. Once the dead instance's lease on the
// reservation lapses (1 s here), the restarted server's recovery resolves
// it: before the charge -> released, and the payer's retry with the same key
// (same body, same token) pays once; after the charge -> settled, and the
// retry gets the stored success; exactly one charge in the processor's
// ledger either way.
#define BOOST_TEST_MODULE api_crash
#include <boost/test/unit_test.hpp>

#include "server_process.hpp"

using namespace pws_test;

namespace {

struct CrashEnv {
    TempDir dir;
    Seeder seed{dir.path().string()};
    std::string practice = seed.practice();
    std::string client = seed.client(practice);
    std::string inv = seed.invoice(practice, client, InvoiceSpec{}.with_total(12000));
    SeededLink link = seed.link(practice, inv);
    ServerProcess server;
    explicit CrashEnv(const std::string& point)
        : server(dir.path().string(), short_lease_args(), {{"PWS_CRASH_AT", point}}) {
        BOOST_REQUIRE(seed.ok());
        BOOST_REQUIRE(server.start());
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(kill_before_charge_releases_then_retry_pays_once) {
    CrashEnv e("before_charge");
    std::string tok;
    {
        auto c = e.server.client();
        tok = card_token(*c, e.link.token);
    }
    BOOST_REQUIRE(!tok.empty());
    const std::string key = new_key();
    const json body = pay_body(12000, tok);
    {
        auto c = e.server.client();
        Reply lost = post_payment(*c, e.link.token, e.inv, body, key);
        BOOST_TEST(lost.status == 0);  // no response: the process died
    }
    BOOST_TEST(e.server.wait_exit() == 137);
    // Reserved in the database, never charged.
    auto pays = e.seed.payments(e.inv);
    BOOST_REQUIRE(pays.size() == 1u);
    BOOST_TEST(pws::payment_state_id(pays[0].state) == "reserved");
    BOOST_TEST(ledger_charge_count(e.server.ledger_path()) == 0);

    e.server.set_env({});
    BOOST_REQUIRE(e.server.start());
    BOOST_REQUIRE(wait_for_payment_state(e.seed, e.inv, pws::PaymentState::released));
    BOOST_TEST(e.seed.invoice_now(e.inv).balance == 12000);

    auto c = e.server.client();
    Reply retry = post_payment(*c, e.link.token, e.inv, body, key);
    BOOST_REQUIRE(retry.status == 200);
    BOOST_TEST(retry.body["payment"]["status"] == "succeeded");
    BOOST_TEST(retry.body["invoice"]["balance"] == 0);
    Reply again = post_payment(*c, e.link.token, e.inv, body, key);
    BOOST_TEST(again.status == 200);
    BOOST_TEST(again.body == retry.body);
    BOOST_TEST(ledger_charge_count(e.server.ledger_path()) == 1);
    // The released token cannot pay anything else (another key).
    Reply other = post_payment(*c, e.link.token, e.inv, pay_body(12000, tok), new_key());
    BOOST_TEST(other.status == 409);
}

BOOST_AUTO_TEST_CASE(kill_after_charge_settles_at_restart_and_replays) {
    CrashEnv e("after_charge");
    std::string tok;
    {
        auto c = e.server.client();
        tok = card_token(*c, e.link.token);
    }
    BOOST_REQUIRE(!tok.empty());
    const std::string key = new_key();
    const json body = pay_body(12000, tok);
    {
        auto c = e.server.client();
        Reply lost = post_payment(*c, e.link.token, e.inv, body, key);
        BOOST_TEST(lost.status == 0);
    }
    BOOST_TEST(e.server.wait_exit() == 137);
    auto pays = e.seed.payments(e.inv);
    BOOST_REQUIRE(pays.size() == 1u);
    BOOST_TEST(pws::payment_state_id(pays[0].state) == "reserved");
    BOOST_TEST(ledger_charge_count(e.server.ledger_path()) == 1);

    e.server.set_env({});
    BOOST_REQUIRE(e.server.start());
    BOOST_REQUIRE(wait_for_payment_state(e.seed, e.inv, pws::PaymentState::succeeded));
    pays = e.seed.payments(e.inv);
    BOOST_TEST(e.seed.invoice_now(e.inv).balance == 0);

    auto c = e.server.client();
    Reply retry = post_payment(*c, e.link.token, e.inv, body, key);
    BOOST_REQUIRE(retry.status == 200);
    BOOST_TEST(retry.headers.count("Idempotent-Replayed") == 1u);
    BOOST_TEST(retry.body["payment"]["status"] == "succeeded");
    BOOST_TEST(retry.body["payment"]["id"] == pays[0].id);
    BOOST_TEST(ledger_charge_count(e.server.ledger_path()) == 1);
    BOOST_TEST(e.seed.payments(e.inv).size() == 1u);
}

// The crash points ship in the production binary: without --test-mode the
// environment variable must not arm them.
BOOST_AUTO_TEST_CASE(without_test_mode_the_crash_variable_does_nothing) {
    TempDir dir;
    Seeder seed{dir.path().string()};
    const std::string practice = seed.practice();
    const std::string inv = seed.invoice(practice, seed.client(practice), InvoiceSpec{}.with_total(12000));
    SeededLink link = seed.link(practice, inv);
    BOOST_REQUIRE(seed.ok());
    ServerProcess server(dir.path().string(), {}, {{"PWS_CRASH_AT", "before_charge"}});
    server.set_test_mode(false);
    BOOST_REQUIRE(server.start());
    auto c = server.client();
    const std::string tok = card_token(*c, link.token);
    BOOST_REQUIRE(!tok.empty());
    Reply paid = post_payment(*c, link.token, inv, pay_body(12000, tok), new_key());
    BOOST_TEST(paid.status == 200);
    BOOST_TEST(paid.body["payment"]["status"] == "succeeded");
    BOOST_TEST(to_reply(c->Get("/healthz")).status == 200);  // still running
}
