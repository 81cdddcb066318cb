// Reservation leases in the store (schema version 4): recovery lists only
// reserved payments and refunds whose lease lapsed before `now`; a renewal
// moves only the owner's own, still reserved rows.
#define BOOST_TEST_MODULE storage_leases
#include <boost/test/unit_test.hpp>

#include "storage_fixture.hpp"

using namespace storage_test;
using pw::Error;

namespace {

pws::PaymentRecord leased(const std::string& id, pws::PaymentState state, const std::string& owner,
                          pws::UnixTime expires_at) {
    pws::PaymentRecord p = make_payment(id, "prc_a", "inv_a", 100, 10);
    p.state = state;
    p.lease = pws::Lease{owner, expires_at};
    return p;
}

std::vector<std::string> lapsed_payments(pws::Store& s, pws::UnixTime now) {
    std::vector<std::string> ids;
    (void)s.read_transaction([&](pws::ReadTxn& t) -> Error {
        auto r = t.payments_with_lapsed_lease(now, 100);
        for (const auto& p : r.value) ids.push_back(p.id);
        return r.error;
    });
    return ids;
}

pws::PaymentRecord read_payment(pws::Store& s, const std::string& id) {
    pws::PaymentRecord p;
    (void)s.read_transaction([&](pws::ReadTxn& t) -> Error {
        auto r = t.payment(id);
        p = r.value;
        return r.error;
    });
    return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(only_reserved_payments_whose_lease_lapsed_are_listed) {
    Seeded s;
    BOOST_REQUIRE_EQUAL(write(*s.store, [](pws::WriteTxn& t) -> Error {
                            if (Error e = t.insert_payment(leased("pay_1", pws::PaymentState::reserved, "inst_a", 100)))
                                return e;
                            if (Error e = t.insert_payment(leased("pay_2", pws::PaymentState::reserved, "inst_b", 200)))
                                return e;
                            return t.insert_payment(leased("pay_3", pws::PaymentState::released, "inst_a", 50));
                        }),
                        "");
    BOOST_TEST(read_payment(*s.store, "pay_1").lease.owner == "inst_a");
    BOOST_TEST(read_payment(*s.store, "pay_1").lease.expires_at == 100);
    BOOST_TEST(lapsed_payments(*s.store, 100).empty());  // expires AT 100: still held
    BOOST_TEST(lapsed_payments(*s.store, 101) == std::vector<std::string>{"pay_1"});
    BOOST_TEST((lapsed_payments(*s.store, 500) == std::vector<std::string>{"pay_1", "pay_2"}));
}

BOOST_AUTO_TEST_CASE(a_renewal_moves_only_the_owners_reserved_rows) {
    Seeded s;
    BOOST_REQUIRE_EQUAL(write(*s.store, [](pws::WriteTxn& t) -> Error {
                            if (Error e = t.insert_payment(leased("pay_1", pws::PaymentState::reserved, "inst_a", 100)))
                                return e;
                            return t.insert_payment(leased("pay_2", pws::PaymentState::reserved, "inst_a", 100));
                        }),
                        "");
    auto renew = [&](const std::string& id, const std::string& owner, pws::UnixTime to) {
        return write(*s.store, [&](pws::WriteTxn& t) {
            return t.renew_lease(pws::ReservationKind::payment, id, pws::Lease{owner, to});
        });
    };
    BOOST_TEST(renew("pay_1", "inst_a", 300) == "");
    BOOST_TEST(read_payment(*s.store, "pay_1").lease.expires_at == 300);
    BOOST_TEST(renew("pay_1", "inst_b", 900) == "");  // not its owner: nothing changes
    BOOST_TEST(read_payment(*s.store, "pay_1").lease.expires_at == 300);
    BOOST_TEST(read_payment(*s.store, "pay_1").lease.owner == "inst_a");
    // Resolved (here settled) after a lapse: the late renewal changes nothing.
    BOOST_REQUIRE_EQUAL(write(*s.store, [](pws::WriteTxn& t) {
                            return t.update_payment("pay_2", pws::PaymentState::reserved,
                                                    {pws::PaymentState::succeeded, "ch", "", "", "", 150});
                        }),
                        "");
    BOOST_TEST(renew("pay_2", "inst_a", 900) == "");
    BOOST_TEST(read_payment(*s.store, "pay_2").lease.expires_at == 100);
    BOOST_TEST(lapsed_payments(*s.store, 200).empty());
}

BOOST_AUTO_TEST_CASE(refunds_are_leased_like_payments) {
    Seeded s;
    BOOST_REQUIRE_EQUAL(write(*s.store, [](pws::WriteTxn& t) -> Error {
                            if (Error e = t.insert_payment(leased("pay_1", pws::PaymentState::reserved, "inst_a", 0)))
                                return e;
                            if (Error e = t.update_payment("pay_1", pws::PaymentState::reserved,
                                                           {pws::PaymentState::succeeded, "ch", "", "", "", 20}))
                                return e;
                            pws::RefundRecord r{"re_1", "pay_1", "prc_a", 50, "USD", "", pws::RefundState::reserved,
                                                "rk_1", "", "", "", 30, 30, pws::Lease{"inst_a", 100}};
                            return t.insert_refund(r);
                        }),
                        "");
    auto lapsed = [&](pws::UnixTime now) {
        std::size_t n = 0;
        (void)s.store->read_transaction([&](pws::ReadTxn& t) -> Error {
            auto r = t.refunds_with_lapsed_lease(now, 100);
            n = r.value.size();
            return r.error;
        });
        return n;
    };
    BOOST_TEST(lapsed(100) == 0u);
    BOOST_TEST(write(*s.store, [](pws::WriteTxn& t) {
                   return t.renew_lease(pws::ReservationKind::refund, "re_1", pws::Lease{"inst_a", 200});
               }) == "");
    BOOST_TEST(lapsed(150) == 0u);
    BOOST_TEST(lapsed(201) == 1u);
}
