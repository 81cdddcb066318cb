// Reservations owned by leases (services/reservation_lease.hpp), with the
// real binary and short leases (2-3 s, recovery every second):
//   * a charge that times out and then lands at the processor: the payer is
//     told in_progress (retryable), the running server records it as paid
//     within lease + interval, and the retry with the same key gets the paid
//     answer, never a second charge;
//   * an instance killed after the charge: ANOTHER running instance settles
//     it once the lease lapses, without any restart;
//   * a charge slower than several lease lengths: its owner keeps renewing
//     the lease, so another instance's recovery never releases it;
//   * an instance killed mid-charge (nothing reached the processor): the
//     restarted instance leaves the reservation alone while the dead owner's
//     lease runs, then releases it; the retry with the same key pays once.
#define BOOST_TEST_MODULE api_leases
#include <boost/test/unit_test.hpp>

#include "server_process.hpp"

using namespace pws_test;

namespace {

struct LeaseEnv {
    TempDir dir;
    std::string d = dir.path().string();
    Seeder seed{d};
    std::string practice = seed.practice();
    std::string client = seed.client(practice);
    std::string inv = seed.invoice(practice, client, InvoiceSpec{}.with_total(12000));
    SeededLink link = seed.link(practice, inv);
    LeaseEnv() { BOOST_REQUIRE(seed.ok()); }

    std::string token(ServerProcess& s) {
        auto c = s.client();
        return card_token(*c, link.token);
    }
    pws::PaymentState only_state() {
        auto pays = seed.payments(inv);
        BOOST_REQUIRE(pays.size() == 1u);
        return pays[0].state;
    }
};

// A short lease, and every charge waiting `latency_ms` on the test
// processor's simulated network.
std::vector<std::string> slow_charge_args(int lease_seconds, int latency_ms) {
    std::vector<std::string> args = short_lease_args(lease_seconds);
    args.insert(args.end(), {"--processor-latency-ms", std::to_string(latency_ms)});
    return args;
}

// Retries with the same key and body until an answer other than 409
// in_progress (or the timeout): what the widget does.
Reply retry_until_answered(ServerProcess& s, LeaseEnv& e, const json& body, const std::string& key,
                           std::chrono::seconds timeout = std::chrono::seconds(15)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    Reply r;
    while (std::chrono::steady_clock::now() < deadline) {
        auto c = s.client();
        r = post_payment(*c, e.link.token, e.inv, body, key);
        if (!(r.status == 409 && r.error_code() == "in_progress")) return r;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_charge_that_times_out_then_lands_is_recorded_as_paid_and_replayed) {
    LeaseEnv e;
    ServerProcess s(e.d, short_lease_args(2), {{"PWS_CHARGE_LANDS_LATE_MS", "300"}});
    BOOST_REQUIRE(s.start());
    const std::string tok = e.token(s);
    BOOST_REQUIRE(!tok.empty());
    const std::string key = new_key();
    const json body = pay_body(12000, tok);

    const auto sent = std::chrono::steady_clock::now();
    Reply first;
    {
        auto c = s.client();
        first = post_payment(*c, e.link.token, e.inv, body, key);
    }
    // Not "you have not been charged": the outcome is unknown yet.
    BOOST_TEST(first.status == 409);
    BOOST_TEST(first.error_code() == "in_progress");
    {
        auto c = s.client();
        Reply again = post_payment(*c, e.link.token, e.inv, body, key);
        BOOST_TEST(again.status == 409);
        BOOST_TEST(again.error_code() == "in_progress");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(600));  // the charge has landed
    BOOST_TEST(ledger_charge_count(s.ledger_path(), "status = 'succeeded'") == 1);

    // Recovery in the running server: lease (2 s) + interval (1 s), plus
    // the seconds' rounding of the expiry.
    BOOST_REQUIRE(wait_for_payment_state(e.seed, e.inv, pws::PaymentState::succeeded, std::chrono::seconds(10)));
    const auto recorded = std::chrono::steady_clock::now() - sent;
    BOOST_TEST(recorded < std::chrono::seconds(8));  // 2 s lease + 1 s interval + rounding, with room for ASan
    BOOST_TEST(e.seed.invoice_now(e.inv).balance == 0);

    Reply retry = retry_until_answered(s, e, body, key);
    BOOST_REQUIRE(retry.status == 200);
    BOOST_TEST(retry.headers.count("Idempotent-Replayed") == 1u);
    BOOST_TEST(retry.body["payment"]["status"] == "succeeded");
    BOOST_TEST(retry.body["invoice"]["balance"] == 0);
    BOOST_TEST(ledger_charge_count(s.ledger_path()) == 1);
    BOOST_TEST(e.seed.payments(e.inv).size() == 1u);
}

BOOST_AUTO_TEST_CASE(an_instance_killed_after_the_charge_is_settled_by_another_running_instance) {
    LeaseEnv e;
    ServerProcess a(e.d, short_lease_args(2), {{"PWS_CRASH_AT", "after_charge"}});
    ServerProcess b(e.d, short_lease_args(2));
    BOOST_REQUIRE(a.start());
    BOOST_REQUIRE(b.start());
    const std::string tok = e.token(b);
    BOOST_REQUIRE(!tok.empty());
    const std::string key = new_key();
    const json body = pay_body(12000, tok);
    {
        auto c = a.client();
        Reply lost = post_payment(*c, e.link.token, e.inv, body, key);
        BOOST_TEST(lost.status == 0);  // a died after the processor charged
    }
    BOOST_TEST(a.wait_exit() == 137);
    BOOST_TEST(pws::payment_state_id(e.only_state()) == "reserved");
    BOOST_TEST(ledger_charge_count(b.ledger_path()) == 1);

    // b was running all along: its periodic recovery settles a's charge.
    BOOST_REQUIRE(wait_for_payment_state(e.seed, e.inv, pws::PaymentState::succeeded, std::chrono::seconds(10)));
    auto c = b.client();
    Reply retry = post_payment(*c, e.link.token, e.inv, body, key);
    BOOST_REQUIRE(retry.status == 200);
    BOOST_TEST(retry.headers.count("Idempotent-Replayed") == 1u);
    BOOST_TEST(retry.body["payment"]["status"] == "succeeded");
    BOOST_TEST(ledger_charge_count(b.ledger_path()) == 1);
}

BOOST_AUTO_TEST_CASE(an_instance_killed_mid_charge_keeps_its_reservation_until_the_lease_lapses) {
    LeaseEnv e;
    // The charge waits 3 s on the processor's network: killed meanwhile,
    // nothing reaches the ledger.
    ServerProcess a(e.d, slow_charge_args(3, 3000));
    BOOST_REQUIRE(a.start());
    const std::string tok = e.token(a);
    BOOST_REQUIRE(!tok.empty());
    const std::string key = new_key();
    const json body = pay_body(12000, tok);
    Reply lost;
    std::thread payer([&] {
        auto c = a.client();
        lost = post_payment(*c, e.link.token, e.inv, body, key);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    a.kill9();
    payer.join();
    BOOST_TEST(lost.status == 0);
    BOOST_TEST(pws::payment_state_id(e.only_state()) == "reserved");

    // Restarted at once: the dead owner's lease (3 s) still runs, so the
    // new instance's start-up recovery leaves the reservation alone (it
    // cannot tell a dead owner from a slow one) ...
    ServerProcess restarted(e.d, short_lease_args(3));
    BOOST_REQUIRE(restarted.start());
    BOOST_TEST(pws::payment_state_id(e.only_state()) == "reserved");
    // ... and releases it once the lease has lapsed.
    BOOST_REQUIRE(wait_for_payment_state(e.seed, e.inv, pws::PaymentState::released, std::chrono::seconds(10)));
    BOOST_TEST(ledger_charge_count(restarted.ledger_path()) == 0);

    auto c = restarted.client();
    Reply retry = post_payment(*c, e.link.token, e.inv, body, key);
    BOOST_REQUIRE(retry.status == 200);
    BOOST_TEST(retry.body["payment"]["status"] == "succeeded");
    BOOST_TEST(ledger_charge_count(restarted.ledger_path()) == 1);
    Reply again = post_payment(*c, e.link.token, e.inv, body, key);
    BOOST_TEST(again.status == 200);
    BOOST_TEST(again.body == retry.body);
    BOOST_TEST(ledger_charge_count(restarted.ledger_path()) == 1);
}

BOOST_AUTO_TEST_CASE(a_charge_slower_than_the_lease_is_renewed_and_never_released_elsewhere) {
    LeaseEnv e;
    // Lease 1 s, the charge takes 4 s: without renewal, b's recovery (every
    // second) would release the reservation ~2 s in, before the charge lands.
    ServerProcess a(e.d, slow_charge_args(1, 4000));
    ServerProcess b(e.d, short_lease_args(1));
    BOOST_REQUIRE(a.start());
    BOOST_REQUIRE(b.start());
    const std::string tok = e.token(b);
    BOOST_REQUIRE(!tok.empty());
    auto c = a.client();
    Reply paid = post_payment(*c, e.link.token, e.inv, pay_body(12000, tok), new_key());
    BOOST_REQUIRE(paid.status == 200);
    BOOST_TEST(paid.body["payment"]["status"] == "succeeded");
    BOOST_TEST(pws::payment_state_id(e.only_state()) == "succeeded");
    BOOST_TEST(ledger_charge_count(a.ledger_path(), "status = 'succeeded'") == 1);
    BOOST_TEST(b.stderr_text().find("released") == std::string::npos);
}
