// Storage: write transactions roll back on any failure; reads see a snapshot.
#define BOOST_TEST_MODULE storage_transactions
#include <boost/test/unit_test.hpp>

#include <stdexcept>

#include "storage_fixture.hpp"

using namespace storage_test;
using pw::Error;

// ---------------------------------------------------------------- transactions

BOOST_AUTO_TEST_CASE(an_error_from_the_callback_rolls_everything_back) {
    Seeded f;
    Error e = f.store->write_transaction([](pws::WriteTxn& t) -> Error {
        if (Error x = t.insert_client(make_client("cli_b", "prc_a", "bob@example.com"))) return x;
        if (Error x = t.insert_payment(make_payment("pay_1", "prc_a", "inv_a", 100, 1))) return x;
        return pw::make_error("changed_my_mind", "", "no");
    });
    BOOST_TEST(e.code == "changed_my_mind");
    BOOST_TEST(raw_count(f.db.path, "SELECT COUNT(*) FROM clients WHERE id = 'cli_b'") == 0);
    BOOST_TEST(raw_count(f.db.path, "SELECT COUNT(*) FROM payments") == 0);
    // The connection is reusable afterwards.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_client(make_client("cli_b", "prc_a", "bob@example.com"));
               }) == "");
}

BOOST_AUTO_TEST_CASE(an_exception_from_the_callback_rolls_back) {
    Seeded f;
    bool thrown = false;
    try {
        (void)f.store->write_transaction([](pws::WriteTxn& t) -> Error {
            (void)t.insert_client(make_client("cli_b", "prc_a", "bob@example.com"));
            throw std::runtime_error("boom");
        });
    } catch (const std::runtime_error&) {
        thrown = true;
    }
    BOOST_TEST(thrown);
    BOOST_TEST(raw_count(f.db.path, "SELECT COUNT(*) FROM clients WHERE id = 'cli_b'") == 0);
    // And the thread is not left marked as inside a transaction.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_client(make_client("cli_b", "prc_a", "bob@example.com"));
               }) == "");
}

BOOST_AUTO_TEST_CASE(a_failed_statement_inside_a_transaction_rolls_back_earlier_writes) {
    Seeded f;
    // The duplicate email fails; the callback returns that error, so the
    // first insert goes too.
    std::string code = write(*f.store, [](pws::WriteTxn& t) -> Error {
        if (Error x = t.insert_client(make_client("cli_b", "prc_a", "bob@example.com"))) return x;
        return t.insert_client(make_client("cli_c", "prc_a", "BOB@example.com"));
    });
    BOOST_TEST(code == "already_exists");
    BOOST_TEST(raw_count(f.db.path, "SELECT COUNT(*) FROM clients") == 1);
}

BOOST_AUTO_TEST_CASE(nested_transactions_are_refused_instead_of_deadlocking) {
    Seeded f;
    std::string inner;
    std::string outer = write(*f.store, [&](pws::WriteTxn&) -> Error {
        inner = f.store->read_transaction([](pws::ReadTxn&) -> Error { return {}; }).code;
        return {};
    });
    BOOST_TEST(outer == "");
    BOOST_TEST(inner == "nested_transaction");
}

BOOST_AUTO_TEST_CASE(a_read_transaction_sees_a_consistent_snapshot) {
    Seeded f;
    // A second Store on the same file (as another process would have)
    // commits while the first reads: the reader's snapshot does not move.
    auto other = open_store(f.db.path);
    BOOST_REQUIRE(other);
    std::int64_t before = -1, after = -1;
    Error e = f.store->read_transaction([&](pws::ReadTxn& t) -> Error {
        before = t.invoice_view("inv_a").value.invoice.balance;
        Error w = other->write_transaction([](pws::WriteTxn& w2) -> Error {
            return w2.insert_payment(make_payment("pay_1", "prc_a", "inv_a", 4000, 5));
        });
        if (w) return w;
        after = t.invoice_view("inv_a").value.invoice.balance;
        return {};
    });
    BOOST_TEST(e.code == "");
    BOOST_TEST(before == 10000);
    BOOST_TEST(after == 10000);
    BOOST_TEST(f.view().invoice.balance == 6000);
}
