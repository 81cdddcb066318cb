// Storage (schema v8): invoice drafts kept per practice, voiding only an
// invoice nothing is paid on (decided in the store's transaction), and the
// practice's default partial-payment policy. Runs on SQLite and, as
// server.storage_drafts_pg, on PostgreSQL.
#define BOOST_TEST_MODULE storage_drafts
#include <boost/test/unit_test.hpp>

#include "storage_fixture.hpp"

using namespace storage_test;
using pw::Error;

namespace {

pws::InvoiceDraft draft(const std::string& id, const std::string& practice, const std::string& request,
                        pws::UnixTime at) {
    return pws::InvoiceDraft{id, practice, "cli_a", request, "usr_1", at, at};
}

// Seeded (prc_a, cli_a, inv_a) plus a second practice prc_b.
struct TwoPractices : Seeded {
    TwoPractices() {
        BOOST_REQUIRE_EQUAL(write(*store, [](pws::WriteTxn& t) { return t.insert_practice(make_practice("prc_b")); }), "");
    }
    pws::Result<pws::InvoiceDraft> read(const std::string& practice, const std::string& id) {
        pws::Result<pws::InvoiceDraft> out = pws::Result<pws::InvoiceDraft>::failure("unset", "", "");
        (void)store->read_transaction([&](pws::ReadTxn& t) -> Error {
            out = t.invoice_draft(practice, id);
            return {};
        });
        return out;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(storage_drafts, TwoPractices)

BOOST_AUTO_TEST_CASE(a_draft_is_saved_replaced_and_read_only_in_its_practice) {
    BOOST_TEST(write(*store, [](pws::WriteTxn& t) { return t.save_invoice_draft(draft("drf_1", "prc_a", "{\"currency\":\"USD\"}", 10), true); }) == "");
    // The same id again as new: refused, whichever practice asks.
    BOOST_TEST(write(*store, [](pws::WriteTxn& t) { return t.save_invoice_draft(draft("drf_1", "prc_b", "{}", 11), true); }) == "already_exists");
    // Replacing: only in its own practice.
    BOOST_TEST(write(*store, [](pws::WriteTxn& t) { return t.save_invoice_draft(draft("drf_1", "prc_b", "{}", 12), false); }) == "not_found");
    BOOST_TEST(write(*store, [](pws::WriteTxn& t) { return t.save_invoice_draft(draft("drf_1", "prc_a", "{\"currency\":\"CAD\"}", 13), false); }) == "");
    auto got = read("prc_a", "drf_1");
    BOOST_REQUIRE(got.ok());
    BOOST_TEST(got.value.request == "{\"currency\":\"CAD\"}");
    BOOST_TEST(got.value.created_at == 10);
    BOOST_TEST(got.value.updated_at == 13);
    BOOST_TEST(got.value.created_by == "usr_1");
    BOOST_TEST(read("prc_b", "drf_1").error.code == "not_found");
    BOOST_TEST(write(*store, [](pws::WriteTxn& t) { return t.save_invoice_draft(draft("drf_9", "prc_a", "{}", 1), false); }) == "not_found");
}

BOOST_AUTO_TEST_CASE(drafts_are_listed_newest_change_first_and_limited) {
    BOOST_REQUIRE_EQUAL(write(*store, [](pws::WriteTxn& t) -> Error {
                            for (int i = 1; i <= 3; ++i)
                                if (Error e = t.save_invoice_draft(draft("drf_" + std::to_string(i), "prc_a", "{}", i), true)) return e;
                            return t.save_invoice_draft(draft("drf_b", "prc_b", "{}", 50), true);
                        }),
                        "");
    std::vector<pws::InvoiceDraft> listed;
    (void)store->read_transaction([&](pws::ReadTxn& t) -> Error {
        listed = t.invoice_drafts("prc_a", 2).value;
        return {};
    });
    BOOST_REQUIRE_EQUAL(listed.size(), 2u);
    BOOST_TEST(listed[0].id == "drf_3");
    BOOST_TEST(listed[1].id == "drf_2");
}

BOOST_AUTO_TEST_CASE(a_draft_is_deleted_once_and_only_by_its_practice) {
    BOOST_REQUIRE_EQUAL(write(*store, [](pws::WriteTxn& t) { return t.save_invoice_draft(draft("drf_1", "prc_a", "{}", 1), true); }), "");
    BOOST_TEST(write(*store, [](pws::WriteTxn& t) { return t.delete_invoice_draft("prc_b", "drf_1"); }) == "not_found");
    BOOST_TEST(write(*store, [](pws::WriteTxn& t) { return t.delete_invoice_draft("prc_a", "drf_1"); }) == "");
    // The second of two issues finds nothing to claim: its transaction rolls back.
    BOOST_TEST(write(*store, [](pws::WriteTxn& t) { return t.delete_invoice_draft("prc_a", "drf_1"); }) == "not_found");
    BOOST_TEST(read("prc_a", "drf_1").error.code == "not_found");
}

BOOST_AUTO_TEST_CASE(an_invoice_is_voided_only_while_no_payment_holds_it) {
    BOOST_TEST(write(*store, [](pws::WriteTxn& t) { return t.void_unpaid_invoice("prc_b", "inv_a"); }) == "not_found");
    BOOST_TEST(write(*store, [](pws::WriteTxn& t) { return t.void_unpaid_invoice("prc_a", "inv_zz"); }) == "not_found");
    BOOST_TEST(!view().record.voided());
    // A reserved payment (a payer mid-charge) holds it; so would processing or succeeded.
    BOOST_REQUIRE_EQUAL(write(*store, [](pws::WriteTxn& t) { return t.insert_payment(make_payment("pay_1", "prc_a", "inv_a", 100, 1)); }), "");
    Error held = store->write_transaction([](pws::WriteTxn& t) { return t.void_unpaid_invoice("prc_a", "inv_a"); });
    BOOST_TEST(held.code == "state_conflict");
    BOOST_TEST(held.field == "payments");
    BOOST_TEST(!view().record.voided());
    // Declined: nothing is held any more.
    BOOST_REQUIRE_EQUAL(write(*store, [](pws::WriteTxn& t) {
                            return t.update_payment("pay_1", pws::PaymentState::reserved,
                                                    {pws::PaymentState::declined, "", "card_declined", "", "", 2});
                        }),
                        "");
    BOOST_TEST(write(*store, [](pws::WriteTxn& t) { return t.void_unpaid_invoice("prc_a", "inv_a"); }) == "");
    BOOST_TEST(view().invoice.status == pw::InvoiceStatus::void_);
    BOOST_TEST(write(*store, [](pws::WriteTxn& t) { return t.void_unpaid_invoice("prc_a", "inv_a"); }) == "");
}

BOOST_AUTO_TEST_CASE(a_succeeded_payment_keeps_the_invoice_from_being_voided) {
    BOOST_REQUIRE_EQUAL(write(*store, [](pws::WriteTxn& t) -> Error {
                            if (Error e = t.insert_payment(make_payment("pay_1", "prc_a", "inv_a", 100, 1))) return e;
                            return t.update_payment("pay_1", pws::PaymentState::reserved,
                                                    {pws::PaymentState::succeeded, "ch_1", "", "", "", 2});
                        }),
                        "");
    BOOST_TEST(write(*store, [](pws::WriteTxn& t) { return t.void_unpaid_invoice("prc_a", "inv_a"); }) == "state_conflict");
}

BOOST_AUTO_TEST_CASE(the_default_partial_policy_round_trips) {
    pws::PracticeSettings s;
    s.settlement_currency = "USD";
    s.default_partial = pw::PartialPaymentPolicy{true, pw::MinimumKind::fixed, 2500, 0, 2};
    BOOST_REQUIRE_EQUAL(write(*store, [&](pws::WriteTxn& t) { return t.update_settings("prc_a", s); }), "");
    pws::Practice p;
    (void)store->read_transaction([&](pws::ReadTxn& t) -> Error {
        p = t.practice("prc_a").value;
        return {};
    });
    BOOST_TEST((p.settings.default_partial == s.default_partial));
    BOOST_TEST(p.settings.settlement_currency == "USD");
    s.default_partial = pw::PartialPaymentPolicy{false, pw::MinimumKind::percent, 0, 3300, 2};
    BOOST_REQUIRE_EQUAL(write(*store, [&](pws::WriteTxn& t) { return t.update_settings("prc_a", s); }), "");
    (void)store->read_transaction([&](pws::ReadTxn& t) -> Error {
        p = t.practice("prc_a").value;
        return {};
    });
    BOOST_TEST((p.settings.default_partial == s.default_partial));
    // A practice made before schema 8 reads as "partial payments off".
    pws::Practice b;
    (void)store->read_transaction([&](pws::ReadTxn& t) -> Error {
        b = t.practice("prc_b").value;
        return {};
    });
    BOOST_TEST(!b.settings.default_partial.enabled);
}

BOOST_AUTO_TEST_SUITE_END()
