// The reserved call (services/reserved_call.hpp), used by payments, refunds
// and recovery: its one release (the reservation stops counting and its
// idempotency claim is dropped together, or neither happens), and its one
// rule after the reservation (settle, release, or leave it for recovery).
#define BOOST_TEST_MODULE reserved_call
#include <boost/test/unit_test.hpp>

#include <ostream>

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

// ------------------------------------------------ run_reserved_call's rule --
// The one decision after a reservation (payments, refunds, recovery), with
// steps that only record what was asked of them.

namespace {

struct Outcome {
    std::string id;
};

struct Steps {
    pw::Result<Outcome> answer = pw::Result<Outcome>::success({"from_call"});
    pw::Result<std::optional<Outcome>> recorded = pw::Result<std::optional<Outcome>>::success(std::nullopt);
    Error release_error;
    bool with_call = true;
    std::vector<std::string> asked;  // "call", "lookup", "settle <id>", "release", in order

    pws::ReservedCallEnd<std::string> run() {
        pws::ReservedCallSteps<Outcome, std::string> s;
        if (with_call)
            s.call = [&] {
                asked.push_back("call");
                return answer;
            };
        s.lookup = [&] {
            asked.push_back("lookup");
            return recorded;
        };
        s.settle = [&](const Outcome& o) {
            asked.push_back("settle " + o.id);
            return pw::Result<std::string>::success("settled " + o.id);
        };
        s.release = [&] {
            asked.push_back("release");
            return release_error;
        };
        return pws::run_reserved_call(s);
    }
};

using Asked = std::vector<std::string>;

}  // namespace

namespace pws {
// For Boost.Test's messages.
inline std::ostream& operator<<(std::ostream& o, CallEnd e) {
    return o << (e == CallEnd::settled ? "settled" : e == CallEnd::released ? "released" : "left_reserved");
}
}  // namespace pws

BOOST_AUTO_TEST_CASE(a_call_that_answers_is_settled_with_its_outcome_and_nothing_else) {
    Steps s;
    const auto end = s.run();
    BOOST_TEST(end.end == pws::CallEnd::settled);
    BOOST_TEST(end.settled.value == "settled from_call");
    BOOST_TEST(s.asked == (Asked{"call", "settle from_call"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_failed_call_asks_and_settles_what_the_processor_recorded) {
    for (const char* code : {"processor_unavailable", "invalid_amount"}) {
        BOOST_TEST_CONTEXT(code) {
            Steps s;
            s.answer = pw::Result<Outcome>::failure(code, "", "");
            s.recorded = pw::Result<std::optional<Outcome>>::success(Outcome{"from_lookup"});
            const auto end = s.run();
            BOOST_TEST(end.end == pws::CallEnd::settled);
            BOOST_TEST(end.call_error.code == code);
            BOOST_TEST(s.asked == (Asked{"call", "lookup", "settle from_lookup"}), boost::test_tools::per_element());
        }
    }
}

BOOST_AUTO_TEST_CASE(an_unknown_outcome_with_nothing_recorded_yet_stays_reserved) {
    // A timeout: the charge may still land after the lookup. Never released.
    Steps s;
    s.answer = pw::Result<Outcome>::failure("processor_unavailable", "", "");
    const auto end = s.run();
    BOOST_TEST(end.end == pws::CallEnd::left_reserved);
    BOOST_TEST(!end.lookup_error);
    BOOST_TEST(!end.release_error);
    BOOST_TEST(s.asked == (Asked{"call", "lookup"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_refusal_is_released_only_once_the_lookup_confirms_nothing_was_recorded) {
    Steps s;
    s.answer = pw::Result<Outcome>::failure("charge_not_refundable", "", "");
    const auto end = s.run();
    BOOST_TEST(end.end == pws::CallEnd::released);
    BOOST_TEST(end.call_error.code == "charge_not_refundable");
    BOOST_TEST(s.asked == (Asked{"call", "lookup", "release"}), boost::test_tools::per_element());

    // The lookup cannot tell: nothing is assumed, the reservation stays.
    Steps blind;
    blind.answer = pw::Result<Outcome>::failure("charge_not_refundable", "", "");
    blind.recorded = pw::Result<std::optional<Outcome>>::failure("processor_unavailable", "", "");
    const auto kept = blind.run();
    BOOST_TEST(kept.end == pws::CallEnd::left_reserved);
    BOOST_TEST(kept.lookup_error.code == "processor_unavailable");
    BOOST_TEST(blind.asked == (Asked{"call", "lookup"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(recovery_makes_no_call_and_releases_what_was_never_recorded) {
    Steps s;
    s.with_call = false;
    const auto end = s.run();
    BOOST_TEST(end.end == pws::CallEnd::released);
    BOOST_TEST(s.asked == (Asked{"lookup", "release"}), boost::test_tools::per_element());

    Steps found;
    found.with_call = false;
    found.recorded = pw::Result<std::optional<Outcome>>::success(Outcome{"landed"});
    BOOST_TEST(found.run().end == pws::CallEnd::settled);
    BOOST_TEST(found.asked == (Asked{"lookup", "settle landed"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_release_that_fails_leaves_the_reservation_for_recovery) {
    Steps s;
    s.answer = pw::Result<Outcome>::failure("unknown_reference", "", "");
    s.release_error = pw::make_error("storage_busy", "", "");
    const auto end = s.run();
    BOOST_TEST(end.end == pws::CallEnd::left_reserved);
    BOOST_TEST(end.release_error.code == "storage_busy");
}
