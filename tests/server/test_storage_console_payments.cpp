// Storage: the console's reads. The payment search (practice_payments with a filter:
// status, refunded, method, currency, dates, client; newest first; limit
// and offset; never another practice's) and Home's bounded reads
// (practice_unpaid_invoices, practice_paid_since), on SQLite and, as
// server.storage_console_payments_pg, on PostgreSQL.
#define BOOST_TEST_MODULE storage_console_payments
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "storage_fixture.hpp"

using namespace storage_test;
using pw::Error;

namespace {

Error settle(pws::WriteTxn& t, const std::string& id, pws::PaymentState to, pws::UnixTime at) {
    pws::PaymentUpdate u;
    u.state = to;
    u.updated_at = at;
    if (to == pws::PaymentState::succeeded) u.processor_ref = "ch_" + id;
    if (to == pws::PaymentState::declined) u.decline_code = "card_declined";
    return t.update_payment(id, pws::PaymentState::reserved, u);
}

// prc_a: inv_a (Client cli_a, ann@) and inv_c (Client cli_c "Zoë O'Brien 50%_off", zoe@);
// prc_b: inv_b. Payments, oldest first:
//   pay_1  inv_a  3000 card  succeeded at 1000, refunded 500 (succeeded)
//   pay_2  inv_a  2000 card  declined  at 2000
//   pay_3  inv_c  4000 bank  processing at 86400*3 (day 3)
//   pay_b  inv_b  100  card  reserved  at 1500 (other practice)
struct Search : Seeded {
    Search() : Seeded(10000) {
        BOOST_REQUIRE_EQUAL(write(*store, [](pws::WriteTxn& t) -> Error {
                                if (Error e = t.insert_practice(make_practice("prc_b"))) return e;
                                if (Error e = t.insert_client(make_client("cli_b", "prc_b", "bob@example.com"))) return e;
                                pws::Client zoe = make_client("cli_c", "prc_a", "zoe@example.com");
                                zoe.name = "Zoë O'Brien 50%_off";
                                if (Error e = t.insert_client(zoe)) return e;
                                if (Error e = t.insert_invoice(make_invoice("inv_b", "prc_b", "cli_b", "INV-0001", 500)))
                                    return e;
                                if (Error e = t.insert_invoice(make_invoice("inv_c", "prc_a", "cli_c", "INV-0002", 9000)))
                                    return e;
                                if (Error e = t.insert_payment(make_payment("pay_1", "prc_a", "inv_a", 3000, 1000))) return e;
                                if (Error e = settle(t, "pay_1", pws::PaymentState::succeeded, 1001)) return e;
                                pws::RefundRecord r;
                                r.id = "re_1";
                                r.payment_id = "pay_1";
                                r.practice_id = "prc_a";
                                r.amount = 500;
                                r.currency = "USD";
                                r.reason = "Overpaid";
                                r.refund_key = "rk_1";
                                r.created_at = r.updated_at = 1100;
                                if (Error e = t.insert_refund(r)) return e;
                                if (Error e = t.update_refund("re_1", pws::RefundState::reserved,
                                                              pws::RefundState::succeeded, "rf_1", 1101))
                                    return e;
                                if (Error e = t.insert_payment(make_payment("pay_2", "prc_a", "inv_a", 2000, 2000))) return e;
                                if (Error e = settle(t, "pay_2", pws::PaymentState::declined, 2001)) return e;
                                pws::PaymentRecord bank = make_payment("pay_3", "prc_a", "inv_c", 4000, 86400 * 3);
                                bank.method_type = pw::MethodType::bank_debit;
                                if (Error e = t.insert_payment(bank)) return e;
                                if (Error e = settle(t, "pay_3", pws::PaymentState::processing, 86400 * 3 + 1)) return e;
                                return t.insert_payment(make_payment("pay_b", "prc_b", "inv_b", 100, 1500));
                            }),
                            "");
    }
    std::vector<std::string> ids(const pws::PaymentFilter& f, std::size_t limit = 10, std::size_t offset = 0,
                                 const std::string& practice = "prc_a") {
        std::vector<std::string> out;
        BOOST_REQUIRE_EQUAL(store->read_transaction([&](pws::ReadTxn& t) -> Error {
                                auto rows = t.practice_payments(practice, f, limit, offset);
                                if (!rows) return rows.error;
                                for (const pws::HistoryEntry& h : rows.value) out.push_back(h.payment.id);
                                return {};
                            }).code,
                            "");
        return out;
    }
};

using Ids = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_CASE(no_filter_lists_the_practice_newest_first_with_refunds_and_names) {
    Search f;
    BOOST_TEST(f.ids({}) == (Ids{"pay_3", "pay_2", "pay_1"}), boost::test_tools::per_element());
    BOOST_TEST(f.ids({}, 10, 0, "prc_b") == Ids{"pay_b"}, boost::test_tools::per_element());
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        auto rows = t.practice_payments("prc_a", pws::PaymentFilter{}, 10, 0).value;
        BOOST_REQUIRE_EQUAL(rows.size(), 3u);
        BOOST_TEST(rows[0].client_name == "Zoë O'Brien 50%_off");
        BOOST_TEST(rows[0].invoice_number == "INV-0002");
        BOOST_TEST(rows[2].client_name == "Client cli_a");
        BOOST_REQUIRE_EQUAL(rows[2].refunds.size(), 1u);
        BOOST_TEST(rows[2].refunds[0].reason == "Overpaid");
        return {};
    });
}

BOOST_AUTO_TEST_CASE(limit_and_offset_page_through) {
    Search f;
    BOOST_TEST(f.ids({}, 2, 0) == (Ids{"pay_3", "pay_2"}), boost::test_tools::per_element());
    BOOST_TEST(f.ids({}, 2, 2) == Ids{"pay_1"}, boost::test_tools::per_element());
    BOOST_TEST(f.ids({}, 2, 4).empty());
}

BOOST_AUTO_TEST_CASE(each_criterion_narrows_the_list) {
    Search f;
    using S = pws::PaymentState;
    pws::PaymentFilter paid;
    paid.states = {S::succeeded};
    BOOST_TEST(f.ids(paid) == Ids{"pay_1"}, boost::test_tools::per_element());
    pws::PaymentFilter processing;
    processing.states = {S::reserved, S::processing};
    BOOST_TEST(f.ids(processing) == Ids{"pay_3"}, boost::test_tools::per_element());
    pws::PaymentFilter refunded;
    refunded.refunded = true;
    BOOST_TEST(f.ids(refunded) == Ids{"pay_1"}, boost::test_tools::per_element());
    pws::PaymentFilter bank;
    bank.method = pw::MethodType::bank_debit;
    BOOST_TEST(f.ids(bank) == Ids{"pay_3"}, boost::test_tools::per_element());
    pws::PaymentFilter eur;
    eur.currency = "EUR";
    BOOST_TEST(f.ids(eur).empty());
    pws::PaymentFilter usd;
    usd.currency = "USD";
    BOOST_TEST(f.ids(usd).size() == 3u);
    pws::PaymentFilter early;
    early.from = 1000;
    early.before = 2000;  // excluded: created_at < before
    BOOST_TEST(f.ids(early) == Ids{"pay_1"}, boost::test_tools::per_element());
    pws::PaymentFilter later;
    later.from = 86400;
    BOOST_TEST(f.ids(later) == Ids{"pay_3"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_client_search_is_case_insensitive_and_literal) {
    Search f;
    pws::PaymentFilter q;
    q.client = "o'brien";
    BOOST_TEST(f.ids(q) == Ids{"pay_3"}, boost::test_tools::per_element());
    q.client = "ANN@EXAMPLE";
    BOOST_TEST(f.ids(q) == (Ids{"pay_2", "pay_1"}), boost::test_tools::per_element());
    q.client = "50%_";  // the pattern's own characters are literal
    BOOST_TEST(f.ids(q) == Ids{"pay_3"}, boost::test_tools::per_element());
    q.client = "%";
    BOOST_TEST(f.ids(q) == Ids{"pay_3"}, boost::test_tools::per_element());
    q.client = "t_c";  // "_" is no wildcard: "Client cli_a" holds "t c", not "t_c"
    BOOST_TEST(f.ids(q).empty());
    q.client = "bob";  // another practice's client
    BOOST_TEST(f.ids(q).empty());
    // Criteria combine.
    q.client = "client";
    q.states = {pws::PaymentState::declined};
    BOOST_TEST(f.ids(q) == Ids{"pay_2"}, boost::test_tools::per_element());
}

// Home's bounded reads give what reading every invoice gave.
BOOST_AUTO_TEST_CASE(home_reads_only_what_may_be_due_and_sum_paid_in_sql) {
    Search f;
    BOOST_REQUIRE_EQUAL(write(*f.store, [](pws::WriteTxn& t) -> Error {
                            if (Error e = t.insert_invoice(make_invoice("inv_d", "prc_a", "cli_a", "INV-0003", 500))) return e;
                            if (Error e = t.insert_payment(make_payment("pay_d", "prc_a", "inv_d", 500, 5000))) return e;
                            if (Error e = settle(t, "pay_d", pws::PaymentState::succeeded, 86400 * 40)) return e;
                            if (Error e = t.insert_invoice(make_invoice("inv_v", "prc_a", "cli_a", "INV-0004", 800))) return e;
                            return t.set_invoice_void("inv_v", true);
                        }),
                        "");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        std::vector<std::string> unpaid;
        for (const pws::InvoiceView& v : t.practice_unpaid_invoices("prc_a").value) unpaid.push_back(v.record.id);
        // Not inv_d (paid in full) nor inv_v (void); inv_c's processing debit leaves 5000.
        BOOST_TEST(unpaid == (Ids{"inv_c", "inv_a"}), boost::test_tools::per_element());
        for (const pws::InvoiceView& all : t.practice_invoices("prc_a", pws::InvoiceFilter::pending).value)
            BOOST_TEST((std::find(unpaid.begin(), unpaid.end(), all.record.id) != unpaid.end()), all.record.id);
        BOOST_TEST(t.practice_unpaid_invoices("prc_b").value.size() == 1u);

        auto paid = t.practice_paid_since("prc_a", 0).value;
        BOOST_REQUIRE_EQUAL(paid.size(), 1u);
        BOOST_TEST(paid[0].currency == "USD");
        BOOST_TEST(paid[0].minor == 3000 + 500);
        auto recent = t.practice_paid_since("prc_a", 86400 * 40).value;  // updated_at >= since
        BOOST_REQUIRE_EQUAL(recent.size(), 1u);
        BOOST_TEST(recent[0].minor == 500);
        BOOST_TEST(t.practice_paid_since("prc_a", 86400 * 40 + 1).value.empty());
        BOOST_TEST(t.practice_paid_since("prc_b", 0).value.empty());
        return {};
    });
}
