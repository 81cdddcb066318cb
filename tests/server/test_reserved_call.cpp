// The one release of a reserved call (services/reserved_call.hpp), used by
// payments, refunds and recovery: the reservation stops counting and its
// idempotency claim is dropped together, or neither happens.
#define BOOST_TEST_MODULE reserved_call
#include <boost/test/unit_test.hpp>

#include "services/reserved_call.hpp"
#include "storage_fixture.hpp"

using namespace storage_test;
using pw::Error;

namespace {

struct Reserved {
    TempDb db;
    std::unique_ptr<pws::Store> store = open_store(db.path);
    pws::PaymentRecord p = make_payment("pay_1", "prc_a", "inv_a", 100, 10);
    Reserved() {
        BOOST_REQUIRE(store);
        BOOST_REQUIRE_EQUAL(seed(*store, 1000).code, "");
        p.idem_scope = "prc_a:payments:link:lnk_1";
        p.idem_key = "k1";
        BOOST_REQUIRE_EQUAL(store->write_transaction([&](pws::WriteTxn& t) -> Error {
                                    auto c = t.claim_idempotency(p.idem_scope, p.idem_key, "h", 10);
                                    if (!c.ok()) return c.error;
                                    return t.insert_payment(p);
                                }).code,
                            "");
    }
    // Whether the same key and body would now be claimed afresh (the claim
    // was dropped); rolled back so it changes nothing.
    bool key_is_free() {
        bool free = false;
        (void)store->write_transaction([&](pws::WriteTxn& t) -> Error {
            auto c = t.claim_idempotency(p.idem_scope, p.idem_key, "h", 20);
            free = c.ok() && c.value.kind == pws::IdempotencyClaim::Kind::claimed;
            return pw::make_error("rollback", "", "");
        });
        return free;
    }
    pws::PaymentState state() {
        pws::PaymentState s{};
        (void)store->read_transaction([&](pws::ReadTxn& t) -> Error {
            s = t.payment("pay_1").value.state;
            return {};
        });
        return s;
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(release_frees_the_reservation_and_the_key_together) {
    Reserved r;
    BOOST_TEST(!r.key_is_free());
    BOOST_TEST(pws::release_reserved_payment(*r.store, r.p, 30).code == "");
    BOOST_TEST(r.state() == pws::PaymentState::released);
    BOOST_TEST(r.key_is_free());
}

BOOST_AUTO_TEST_CASE(a_release_that_cannot_mark_keeps_the_claim) {
    Reserved r;
    // Someone else resolved it first: state_conflict, and the key's claim
    // stays (it belongs to whoever settled it).
    const Error e = pws::release_reservation(
        *r.store, [](pws::WriteTxn&) { return pw::make_error("state_conflict", "payment", ""); }, r.p.idem_scope,
        r.p.idem_key);
    BOOST_TEST(e.code == "state_conflict");
    BOOST_TEST(r.state() == pws::PaymentState::reserved);
    BOOST_TEST(!r.key_is_free());
}

BOOST_AUTO_TEST_CASE(recovery_releases_only_while_the_lease_is_still_lapsed) {
    Reserved r;
    // The owner renewed its lease after recovery listed the payment as
    // lapsed: the release refuses, the reservation and its claim stay.
    BOOST_REQUIRE_EQUAL(r.store->write_transaction([&](pws::WriteTxn& t) {
                                  return t.renew_lease(pws::ReservationKind::payment, r.p.id,
                                                       pws::Lease{r.p.lease.owner, 300});
                              }).code,
                        "");
    BOOST_TEST(pws::release_lapsed_payment(*r.store, r.p, 200).code == "state_conflict");
    BOOST_TEST(r.state() == pws::PaymentState::reserved);
    BOOST_TEST(!r.key_is_free());
    BOOST_TEST(pws::release_lapsed_payment(*r.store, r.p, 301).code == "");
    BOOST_TEST(r.state() == pws::PaymentState::released);
    BOOST_TEST(r.key_is_free());
}
