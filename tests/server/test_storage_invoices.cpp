// Storage: invoice definitions, their live view and status, and their pay links.
#define BOOST_TEST_MODULE storage_invoices
#include <boost/test/unit_test.hpp>

#include "storage_fixture.hpp"

using namespace storage_test;
using pw::Error;

// ---------------------------------------------------------------- invoices

BOOST_AUTO_TEST_CASE(invoice_definition_round_trips) {
    Seeded f;
    pws::InvoiceRecord r = make_invoice("inv_b", "prc_a", "cli_a", "INV-0002", 0);
    pw::Invoice& d = r.definition;
    d.currency = "CAD";
    d.items = {pw::LineItem{"Assessment", 2, 12500, 1625}, pw::LineItem{"Report", 1, 5000, 0}};
    d.discount = 1000;
    d.partial.minimum_kind = pw::MinimumKind::percent;
    d.partial.minimum_bps = 2500;
    d.accepted.bank_debit = {pw::BankScheme::pad, pw::BankScheme::ach};
    d.settlement_currency = "USD";
    d.fx_rate = pw::FxRate{731200000};
    d.payments = {pw::AppliedPayment{"pay_ignored", 100, pw::Date{2024, 3, 2}, "x"}};  // ignored
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_invoice(r); }) == "");
    (void)f.store->read_transaction([&](pws::ReadTxn& t) -> Error {
        auto got = t.invoice_record("inv_b");
        BOOST_REQUIRE(got.ok());
        const pw::Invoice& g = got.value.definition;
        BOOST_TEST(got.value.client_id == "cli_a");
        BOOST_TEST(got.value.practice_id == "prc_a");
        BOOST_TEST(got.value.created_at == r.created_at);
        BOOST_TEST(g.id == "inv_b");
        BOOST_TEST(g.currency == "CAD");
        BOOST_TEST(g.items.size() == 2u);
        BOOST_TEST(g.items[0].tax == 1625);
        BOOST_TEST(g.subtotal == 30000);
        BOOST_TEST(g.total == 30000 + 1625 - 1000);
        BOOST_TEST(g.payments.empty());
        BOOST_TEST(g.balance == g.total);
        BOOST_TEST(g.partial.minimum_bps == 2500);
        BOOST_TEST(g.accepted.bank_debit.size() == 2u);
        BOOST_TEST(g.settlement_currency == "USD");
        BOOST_REQUIRE(g.fx_rate.has_value());
        BOOST_TEST(g.fx_rate->rate_nano == 731200000);
        BOOST_TEST(t.invoice_record("inv_zz").error.code == "not_found");
        BOOST_TEST(t.count_invoices("prc_a").value == 2);
        BOOST_TEST(t.count_invoices("prc_other").value == 0);
        return {};
    });
}

BOOST_AUTO_TEST_CASE(invoice_number_unique_per_practice_and_client_must_be_the_practices) {
    Seeded f;
    Error e = f.store->write_transaction([](pws::WriteTxn& t) {
        return t.insert_invoice(make_invoice("inv_b", "prc_a", "cli_a", "INV-0001", 100));
    });
    BOOST_TEST(e.code == "already_exists");
    BOOST_TEST(e.field == "number");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error x = t.insert_practice(make_practice("prc_b"))) return x;
                   if (Error x = t.insert_client(make_client("cli_b", "prc_b", "b@example.com"))) return x;
                   // Same number in another practice is fine.
                   return t.insert_invoice(make_invoice("inv_b", "prc_b", "cli_b", "INV-0001", 100));
               }) == "");
    // prc_b cannot bill prc_a's client.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_invoice(make_invoice("inv_c", "prc_b", "cli_a", "INV-0002", 100));
               }) == "invalid_reference");
}

BOOST_AUTO_TEST_CASE(an_undecodable_definition_is_refused_before_it_is_stored) {
    Seeded f;
    pws::InvoiceRecord r = make_invoice("inv_b", "prc_a", "cli_a", "INV-0002", 100);
    r.definition.client.name = "";  // the strict decoder requires a name
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_invoice(r); }) != "");
    pws::InvoiceRecord bad_items = make_invoice("inv_c", "prc_a", "cli_a", "INV-0003", 100);
    bad_items.definition.items.clear();
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_invoice(bad_items); }) != "");
    BOOST_TEST(raw_count(f.db.path, "SELECT COUNT(*) FROM invoices") == 1);
}

BOOST_AUTO_TEST_CASE(live_view_counts_only_live_payments) {
    Seeded f;
    using S = pws::PaymentState;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   auto p1 = make_payment("pay_1", "prc_a", "inv_a", 3000, 1709300000);  // 2024-03-01
                   if (Error e = t.insert_payment(p1)) return e;
                   if (Error e = t.update_payment("pay_1", S::reserved, {S::succeeded, "ch_1", "", "", "", 2}))
                       return e;
                   auto p2 = make_payment("pay_2", "prc_a", "inv_a", 7000, 1709400000);
                   if (Error e = t.insert_payment(p2)) return e;  // 2 live: limit reached
                   return t.update_payment("pay_2", S::reserved,
                                           {S::declined, "ch_2", "card_declined", "Declined.", "", 3});
               }) == "");
    pws::InvoiceView v = f.view();
    BOOST_TEST(v.payments.size() == 2u);
    BOOST_TEST(v.live_payment_count() == 1);
    BOOST_TEST(v.invoice.amount_paid == 3000);
    BOOST_TEST(v.invoice.balance == 7000);
    BOOST_TEST(v.invoice.status == pw::InvoiceStatus::partially_paid);
    BOOST_REQUIRE(v.invoice.payments.size() == 1u);
    BOOST_TEST(v.invoice.payments[0].id == "pay_1");
    BOOST_TEST(v.invoice.payments[0].method == "Visa \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 4242");
    BOOST_TEST((v.invoice.payments[0].date == pw::Date{2024, 3, 1}));
    BOOST_TEST(v.payments[1].decline_code == "card_declined");
    BOOST_TEST(v.payments[1].processor_ref == "ch_2");
    // The live view is a valid invoice for the core's strict codec.
    BOOST_TEST(pw::invoice_from_json(pw::invoice_to_json(v.invoice)).ok());

    // Pay the rest: paid.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_payment(make_payment("pay_3", "prc_a", "inv_a", 7000, 1709500000));
               }) == "");
    v = f.view();
    BOOST_TEST(v.invoice.balance == 0);
    BOOST_TEST(v.invoice.status == pw::InvoiceStatus::paid);
    BOOST_TEST(v.live_payment_count() == 2);
}

BOOST_AUTO_TEST_CASE(void_invoice_stays_void_and_takes_no_payment) {
    Seeded f;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.set_invoice_void("inv_a", true); }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.set_invoice_void("inv_zz", true); }) == "not_found");
    pws::InvoiceView v = f.view();
    BOOST_TEST(v.record.voided());
    BOOST_TEST(v.invoice.status == pw::InvoiceStatus::void_);
    Error e = f.store->write_transaction([](pws::WriteTxn& t) {
        return t.insert_payment(make_payment("pay_1", "prc_a", "inv_a", 100, 1));
    });
    BOOST_TEST(e.code == "invalid_value");
    BOOST_TEST(e.field == "invoice");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.set_invoice_void("inv_a", false); }) == "");
    BOOST_TEST(f.view().invoice.status == pw::InvoiceStatus::open);
}

BOOST_AUTO_TEST_CASE(client_invoices_filter_on_live_status) {
    Seeded f;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   auto b = make_invoice("inv_b", "prc_a", "cli_a", "INV-0002", 500);
                   b.created_at += 10;
                   if (Error e = t.insert_invoice(b)) return e;
                   auto c = make_invoice("inv_c", "prc_a", "cli_a", "INV-0003", 800);
                   c.created_at += 20;
                   c.definition.status = pw::InvoiceStatus::void_;
                   if (Error e = t.insert_invoice(c)) return e;
                   return t.insert_payment(make_payment("pay_1", "prc_a", "inv_b", 500, 1));
               }) == "");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        auto all = t.client_invoices("cli_a", pws::InvoiceFilter::all);
        BOOST_REQUIRE(all.ok());
        BOOST_REQUIRE(all.value.size() == 3u);
        BOOST_TEST(all.value[0].record.id == "inv_c");  // newest first
        auto pending = t.client_invoices("cli_a", pws::InvoiceFilter::pending);
        BOOST_REQUIRE(pending.value.size() == 1u);
        BOOST_TEST(pending.value[0].record.id == "inv_a");
        auto paid = t.client_invoices("cli_a", pws::InvoiceFilter::paid);
        BOOST_REQUIRE(paid.value.size() == 1u);
        BOOST_TEST(paid.value[0].record.id == "inv_b");
        BOOST_TEST(t.client_invoices("cli_none", pws::InvoiceFilter::all).value.empty());
        return {};
    });
}

// ---------------------------------------------------------------- links

BOOST_AUTO_TEST_CASE(links_round_trip_and_revoke_keeps_the_first_time) {
    Seeded f;
    pws::Link l{"lnk_1", "inv_a", "prc_a", "th_1", 100, 200, std::nullopt};
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_link(l); }) == "");
    pws::Link dup{"lnk_2", "inv_a", "prc_a", "th_1", 100, 200, std::nullopt};
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_link(dup); }) == "already_exists");
    pws::Link wrong_tenant{"lnk_3", "inv_a", "prc_b", "th_3", 100, 200, std::nullopt};
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_link(wrong_tenant); }) ==
               "invalid_reference");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.revoke_link("lnk_1", 150); }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.revoke_link("lnk_1", 170); }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.revoke_link("lnk_zz", 170); }) == "not_found");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        auto got = t.link_by_token_hash("th_1");
        BOOST_REQUIRE(got.ok());
        BOOST_TEST(got.value.id == "lnk_1");
        BOOST_TEST(got.value.invoice_id == "inv_a");
        BOOST_TEST(got.value.expires_at == 200);
        BOOST_TEST(got.value.revoked());
        BOOST_TEST(*got.value.revoked_at == 150);
        BOOST_TEST(!got.value.expired(199));
        BOOST_TEST(got.value.expired(200));
        BOOST_TEST(t.link("lnk_1").value.token_hash == "th_1");
        BOOST_TEST(t.link_by_token_hash("th_unknown").error.code == "not_found");
        BOOST_TEST(t.invoice_links("inv_a").value.size() == 1u);
        return {};
    });
}
