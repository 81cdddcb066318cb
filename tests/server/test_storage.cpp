#define BOOST_TEST_MODULE storage
#include <boost/test/unit_test.hpp>

#include <sqlite3.h>

#include <ostream>
#include <stdexcept>

#include "storage/migrations.hpp"
#include "storage_fixture.hpp"

using namespace storage_test;
using pw::Error;

namespace {

// Runs a raw SQL statement on the file (what an operator or a newer binary
// might do), outside the Store.
void raw_exec(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    BOOST_REQUIRE_EQUAL(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* msg = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &msg);
    BOOST_CHECK_MESSAGE(rc == SQLITE_OK, (msg != nullptr ? msg : "") << " in " << sql);
    sqlite3_free(msg);
    sqlite3_close(db);
}

std::int64_t raw_count(const std::string& path, const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_stmt* st = nullptr;
    std::int64_t n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

// Runs `fn` in a write transaction and returns its error code ("" = ok).
template <class Fn>
std::string write(pws::Store& s, Fn fn) {
    return s.write_transaction([&](pws::WriteTxn& t) -> Error { return fn(t); }).code;
}

// The store with practice prc_a, client cli_a and invoice inv_a (10000).
struct Seeded {
    TempDb db;
    std::unique_ptr<pws::Store> store;
    Seeded(std::int64_t total = 10000) {
        store = open_store(db.path);
        BOOST_REQUIRE(store);
        BOOST_REQUIRE_EQUAL(seed(*store, total).code, "");
    }
    pws::InvoiceView view(const std::string& id = "inv_a") {
        pws::InvoiceView v;
        Error e = store->read_transaction([&](pws::ReadTxn& t) -> Error {
            auto r = t.invoice_view(id);
            v = r.value;
            return r.error;
        });
        BOOST_REQUIRE_EQUAL(e.code, "");
        return v;
    }
};

}  // namespace

// ---------------------------------------------------------------- migrations

BOOST_AUTO_TEST_CASE(migrates_an_empty_file_and_reopens_idempotently) {
    TempDb db;
    {
        auto s = open_store(db.path);
        BOOST_REQUIRE(s);
        BOOST_TEST(s->schema_version() == pws::latest_schema_version());
        BOOST_REQUIRE_EQUAL(seed(*s, 5000).code, "");
    }
    BOOST_TEST(raw_count(db.path, "SELECT COUNT(*) FROM schema_version") ==
               static_cast<std::int64_t>(pws::schema_migrations().size()));
    for (int i = 0; i < 2; ++i) {
        auto s = open_store(db.path);
        BOOST_REQUIRE(s);
        BOOST_TEST(s->schema_version() == pws::latest_schema_version());
        // Data survives and no step ran twice.
        Error e = s->read_transaction([](pws::ReadTxn& t) -> Error { return t.practice("prc_a").error; });
        BOOST_TEST(e.code == "");
    }
    BOOST_TEST(raw_count(db.path, "SELECT COUNT(*) FROM schema_version") ==
               static_cast<std::int64_t>(pws::schema_migrations().size()));
    BOOST_TEST(raw_count(db.path, "SELECT COUNT(*) FROM practices") == 1);
}

BOOST_AUTO_TEST_CASE(file_is_in_wal_mode) {
    TempDb db;
    auto s = open_store(db.path);
    BOOST_REQUIRE(s);
    sqlite3* raw = nullptr;
    sqlite3_open(db.path.c_str(), &raw);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &st, nullptr);
    BOOST_REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    BOOST_TEST(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "wal");
    sqlite3_finalize(st);
    sqlite3_close(raw);
}

BOOST_AUTO_TEST_CASE(a_newer_schema_is_refused) {
    TempDb db;
    { BOOST_REQUIRE(open_store(db.path)); }
    raw_exec(db.path, "INSERT INTO schema_version (version, summary, applied_at) "
                      "VALUES (999, 'from the future', 0)");
    pws::StoreOptions o;
    o.path = db.path;
    auto s = pws::open_sqlite_store(o);
    BOOST_TEST(!s.ok());
    BOOST_TEST(s.error.code == "schema_too_new");
    BOOST_TEST(s.error.message.find("999") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(steps_apply_in_order_once_and_a_failing_step_changes_nothing) {
    TempDb db;
    pws::sql::ConnOptions co;
    auto conn = pws::sql::Conn::open(db.path, co);
    BOOST_REQUIRE(conn.ok());
    const pws::Migration v1[] = {{1, "one", "CREATE TABLE a (x INTEGER)"}};
    const pws::Migration v2[] = {{1, "one", "CREATE TABLE a (x INTEGER)"},
                                 {2, "two", "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (7)"}};
    const pws::Migration v3_bad[] = {{1, "one", "CREATE TABLE a (x INTEGER)"},
                                     {2, "two", "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (7)"},
                                     {3, "three", "CREATE TABLE c (z INTEGER)"},
                                     {4, "bad", "INSERT INTO no_such_table VALUES (1)"}};
    auto r1 = pws::apply_migrations(*conn.value, v1, 1);
    BOOST_REQUIRE(r1.ok());
    BOOST_TEST(r1.value == 1);
    auto again = pws::apply_migrations(*conn.value, v1, 2);
    BOOST_TEST(again.value == 1);
    auto r2 = pws::apply_migrations(*conn.value, v2, 3);
    BOOST_REQUIRE(r2.ok());
    BOOST_TEST(r2.value == 2);
    auto r2b = pws::apply_migrations(*conn.value, v2, 4);
    BOOST_TEST(r2b.value == 2);
    BOOST_TEST(raw_count(db.path, "SELECT COUNT(*) FROM a") == 1);  // step 2 ran once
    auto r3 = pws::apply_migrations(*conn.value, v3_bad, 5);
    BOOST_TEST(!r3.ok());
    BOOST_TEST(r3.error.code == "storage_error");
    // Step 3 succeeded before step 4 failed, but the whole run rolled back.
    BOOST_TEST(raw_count(db.path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'c'") == 0);
    BOOST_TEST(raw_count(db.path, "SELECT MAX(version) FROM schema_version") == 2);
    auto older = pws::apply_migrations(*conn.value, v1, 6);
    BOOST_TEST(older.error.code == "schema_too_new");
}

BOOST_AUTO_TEST_CASE(durability_setting_is_stated) {
    BOOST_TEST(pws::durability_id(pws::Durability::normal) == "NORMAL");
    BOOST_TEST(pws::durability_id(pws::Durability::full) == "FULL");
    TempDb db;
    auto s = open_store(db.path, pws::Durability::full);
    BOOST_REQUIRE(s);
    BOOST_TEST(s->durability() == pws::Durability::full);
    BOOST_TEST(seed(*s, 100).code == "");
}

BOOST_AUTO_TEST_CASE(unopenable_path_is_an_error_not_a_crash) {
    pws::StoreOptions o;
    o.path = "/nonexistent_dir_for_pw_tests/x/y.db";
    o.log = [](std::string_view) {};
    auto s = pws::open_sqlite_store(o);
    BOOST_TEST(!s.ok());
    BOOST_TEST(s.error.code == "storage_error");
}

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

// ---------------------------------------------------------------- tenants

BOOST_AUTO_TEST_CASE(practice_round_trips_and_settings_update) {
    Seeded f;
    const pws::Practice want = make_practice("prc_a");
    Error e = f.store->read_transaction([&](pws::ReadTxn& t) -> Error {
        auto p = t.practice("prc_a");
        BOOST_REQUIRE(p.ok());
        BOOST_TEST(p.value.name == want.name);
        BOOST_TEST(p.value.email == want.email);
        BOOST_TEST(p.value.phone == want.phone);
        BOOST_TEST(p.value.api_key_hash == want.api_key_hash);
        BOOST_TEST(p.value.settings.allow_card_removal == true);
        BOOST_TEST(p.value.settings.settlement_currency == "USD");
        BOOST_TEST(p.value.settings.embed_origins == want.settings.embed_origins);
        BOOST_TEST(p.value.created_at == want.created_at);
        BOOST_TEST(t.practice_by_api_key_hash("keyhash_prc_a").value.id == "prc_a");
        BOOST_TEST(t.practice_by_api_key_hash("keyhash_nope").error.code == "not_found");
        BOOST_TEST(t.practice("prc_zz").error.code == "not_found");
        BOOST_TEST(t.practice("prc_zz").error.field == "practice");
        return {};
    });
    BOOST_TEST(e.code == "");

    pws::PracticeSettings s;
    s.allow_card_removal = false;
    s.settlement_currency = "";
    s.embed_origins = {"https://x.example", "https://\"quoted\".example"};
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.update_settings("prc_a", s); }) == "");
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.update_settings("prc_zz", s); }) ==
               "not_found");
    (void)f.store->read_transaction([&](pws::ReadTxn& t) -> Error {
        auto p = t.practice("prc_a").value;
        BOOST_TEST(p.settings.allow_card_removal == false);
        BOOST_TEST(p.settings.settlement_currency == "");
        BOOST_TEST(p.settings.embed_origins == s.embed_origins);
        return {};
    });
}

BOOST_AUTO_TEST_CASE(practice_api_key_hash_and_id_are_unique) {
    Seeded f;
    pws::Practice dup_key = make_practice("prc_b");
    dup_key.api_key_hash = "keyhash_prc_a";
    Error e = f.store->write_transaction([&](pws::WriteTxn& t) { return t.insert_practice(dup_key); });
    BOOST_TEST(e.code == "already_exists");
    BOOST_TEST(e.field == "api_key_hash");
    pws::Practice dup_id = make_practice("prc_a");
    dup_id.api_key_hash = "other";
    e = f.store->write_transaction([&](pws::WriteTxn& t) { return t.insert_practice(dup_id); });
    BOOST_TEST(e.code == "already_exists");
    BOOST_TEST(e.field == "id");
}

BOOST_AUTO_TEST_CASE(client_round_trips_email_is_unique_per_practice_ignoring_case) {
    Seeded f;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.insert_practice(make_practice("prc_b")); }) == "");
    // Same email, other case, same practice: refused.
    Error e = f.store->write_transaction([](pws::WriteTxn& t) {
        return t.insert_client(make_client("cli_x", "prc_a", "ANN@Example.com"));
    });
    BOOST_TEST(e.code == "already_exists");
    BOOST_TEST(e.field == "email");
    // Same email in another practice: a different person record, allowed.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_client(make_client("cli_b", "prc_b", "ann@example.com"));
               }) == "");
    // Unknown practice.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_client(make_client("cli_c", "prc_none", "c@example.com"));
               }) == "invalid_reference");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.set_client_password("cli_a", "argon2id$hash"); }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.set_client_password("cli_none", "h"); }) == "not_found");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        auto c = t.client_by_email("prc_a", "Ann@EXAMPLE.com");
        BOOST_REQUIRE(c.ok());
        BOOST_TEST(c.value.id == "cli_a");
        BOOST_TEST(c.value.name == "Client cli_a");
        BOOST_TEST(c.value.email == "ann@example.com");
        BOOST_TEST(c.value.portal_activated());
        BOOST_TEST(*c.value.password_hash == "argon2id$hash");
        BOOST_TEST(c.value.created_at == 1700000100);
        BOOST_TEST(!t.client("cli_b").value.portal_activated());
        BOOST_TEST(t.client_by_email("prc_a", "nobody@example.com").error.code == "not_found");
        auto all = t.clients_by_email("ANN@example.com");
        BOOST_REQUIRE(all.ok());
        BOOST_TEST(all.value.size() == 2u);
        return {};
    });
}

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

// ---------------------------------------------------------------- vault

namespace {

pws::VaultToken make_token(const std::string& hash, const std::string& link_id,
                           const std::string& client_id) {
    pws::VaultToken t;
    t.token_hash = hash;
    t.practice_id = "prc_a";
    t.link_id = link_id;
    t.client_id = client_id;
    t.processor_ref = "pm_test_" + hash;
    t.brand = "visa";
    t.last4 = "4242";
    t.exp_month = 12;
    t.exp_year = 2034;
    t.fingerprint = "fp_" + hash;
    t.created_at = 1000;
    t.expires_at = 1900;
    return t;
}

struct WithLinks : Seeded {
    WithLinks() {
        BOOST_REQUIRE_EQUAL(write(*store, [](pws::WriteTxn& t) -> Error {
                                if (Error e = t.insert_link({"lnk_1", "inv_a", "prc_a", "th_1", 1, 99999, {}})) return e;
                                return t.insert_link({"lnk_2", "inv_a", "prc_a", "th_2", 1, 99999, {}});
                            }),
                            "");
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(tokens_are_single_use_bound_and_expiring) {
    WithLinks f;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error e = t.insert_token(make_token("tk_1", "lnk_1", ""))) return e;
                   if (Error e = t.insert_token(make_token("tk_2", "lnk_1", ""))) return e;
                   return t.insert_token(make_token("tk_3", "", "cli_a"));
               }) == "");
    auto consume = [&](const char* hash, pws::TokenBinding by, pws::UnixTime now) {
        pws::VaultToken got;
        std::string code = write(*f.store, [&](pws::WriteTxn& t) -> Error {
            auto r = t.consume_token(hash, by, now);
            got = r.value;
            return r.error;
        });
        return std::make_pair(code, got);
    };
    // Another link cannot use it, and cannot tell it exists.
    BOOST_TEST(consume("tk_1", {"lnk_2", ""}, 1500).first == "token_unknown");
    BOOST_TEST(consume("tk_1", {"", "cli_a"}, 1500).first == "token_unknown");
    BOOST_TEST(consume("tk_nope", {"lnk_1", ""}, 1500).first == "token_unknown");
    auto ok = consume("tk_1", {"lnk_1", ""}, 1500);
    BOOST_TEST(ok.first == "");
    BOOST_TEST(ok.second.processor_ref == "pm_test_tk_1");
    BOOST_TEST(ok.second.exp_year == 2034);
    BOOST_TEST(*ok.second.used_at == 1500);
    BOOST_TEST(consume("tk_1", {"lnk_1", ""}, 1501).first == "token_used");
    BOOST_TEST(consume("tk_2", {"lnk_1", ""}, 1900).first == "token_expired");
    BOOST_TEST(consume("tk_3", {"", "cli_a"}, 1899).first == "");
    // A failed consume does not mark it used.
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        BOOST_TEST(!t.token("tk_2").value.used_at.has_value());
        BOOST_TEST(t.token("tk_3").value.client_id == "cli_a");
        BOOST_TEST(t.token("tk_3").value.link_id == "");
        return {};
    });
    // A token is bound to exactly one of link or client.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.insert_token(make_token("tk_4", "lnk_1", "cli_a")); }) ==
               "invalid_value");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.insert_token(make_token("tk_5", "", "")); }) ==
               "invalid_value");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.insert_token(make_token("tk_1", "lnk_1", "")); }) ==
               "already_exists");
}

BOOST_AUTO_TEST_CASE(mandates_round_trip) {
    Seeded f;
    pws::Mandate m{"mdt_1", "prc_a", pw::BankScheme::pad, "pad-2025-01", "I authorize…", 1234,
                   "Ann Payer", "203.0.113.9"};
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_mandate(m); }) == "");
    (void)f.store->read_transaction([&](pws::ReadTxn& t) -> Error {
        auto got = t.mandate("mdt_1");
        BOOST_REQUIRE(got.ok());
        BOOST_TEST(got.value.scheme == pw::BankScheme::pad);
        BOOST_TEST(got.value.text == m.text);
        BOOST_TEST(got.value.text_version == m.text_version);
        BOOST_TEST(got.value.accepted_at == 1234);
        BOOST_TEST(got.value.payer_name == "Ann Payer");
        BOOST_TEST(got.value.client_address == "203.0.113.9");
        BOOST_TEST(t.mandate("mdt_2").error.code == "not_found");
        return {};
    });
}

BOOST_AUTO_TEST_CASE(wallet_keeps_one_live_method_per_fingerprint) {
    Seeded f;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_client(make_client("cli_b", "prc_a", "b@example.com"));
               }) == "");
    auto save = [&](const std::string& id, const std::string& client, const std::string& fp, int year) {
        pws::SavedMethodRecord m{id, "prc_a", client, pw::MethodType::card, "ref_" + id, "visa", "4242",
                                 12, year, fp, 10, std::nullopt};
        pws::SavedMethodRecord got;
        std::string code = write(*f.store, [&](pws::WriteTxn& t) -> Error {
            auto r = t.save_method(m);
            got = r.value;
            return r.error;
        });
        return std::make_pair(code, got);
    };
    auto a = save("pm_1", "cli_a", "fp_x", 2030);
    BOOST_TEST(a.first == "");
    BOOST_TEST(a.second.id == "pm_1");
    auto again = save("pm_2", "cli_a", "fp_x", 2031);  // same card, new expiry
    BOOST_TEST(again.first == "");
    BOOST_TEST(again.second.id == "pm_1");
    BOOST_TEST(again.second.exp_year == 2031);
    BOOST_TEST(again.second.processor_ref == "ref_pm_2");
    BOOST_TEST(save("pm_3", "cli_b", "fp_x", 2030).second.id == "pm_3");  // another client
    // Removal: only by its owner, once.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.remove_saved_method("cli_b", "pm_1", 20); }) ==
               "not_found");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.remove_saved_method("cli_a", "pm_1", 20); }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.remove_saved_method("cli_a", "pm_1", 21); }) ==
               "not_found");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        BOOST_TEST(t.saved_methods("cli_a").value.empty());
        BOOST_TEST(t.saved_methods("cli_b").value.size() == 1u);
        BOOST_TEST(*t.saved_method("pm_1").value.removed_at == 20);
        return {};
    });
    // After removal the same card may be saved again, as a new entry.
    BOOST_TEST(save("pm_4", "cli_a", "fp_x", 2032).second.id == "pm_4");
    // A client of another practice cannot hold this practice's method.
    pws::SavedMethodRecord cross{"pm_5", "prc_other", "cli_a", pw::MethodType::card, "r", "visa", "1111",
                                 1, 2030, "fp_y", 1, std::nullopt};
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.save_method(cross).error; }) == "invalid_reference");
}

// ---------------------------------------------------------------- payments

BOOST_AUTO_TEST_CASE(payment_round_trips_with_every_field) {
    WithLinks f;
    pws::PaymentRecord p = make_payment("pay_1", "prc_a", "inv_a", 2500, 50);
    p.method_type = pw::MethodType::bank_debit;
    p.method_brand = "ach";
    p.method_last4 = "6789";
    p.link_id = "lnk_1";
    p.payer = pws::PayerKind::link;
    p.idem_scope = "link:lnk_1";
    p.idem_key = "k1";
    p.save_method = false;
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) -> Error {
                   if (Error e = t.insert_mandate({"mdt_1", "prc_a", pw::BankScheme::ach, "v", "t", 1, "n", "a"}))
                       return e;
                   p.mandate_id = "mdt_1";
                   return t.insert_payment(p);
               }) == "");
    (void)f.store->read_transaction([&](pws::ReadTxn& t) -> Error {
        auto g = t.payment("pay_1");
        BOOST_REQUIRE(g.ok());
        const pws::PaymentRecord& r = g.value;
        BOOST_TEST(r.practice_id == "prc_a");
        BOOST_TEST(r.invoice_id == "inv_a");
        BOOST_TEST(r.amount == 2500);
        BOOST_TEST(r.currency == "USD");
        BOOST_TEST(r.state == pws::PaymentState::reserved);
        BOOST_TEST((r.method_type == pw::MethodType::bank_debit));
        BOOST_TEST(r.method_brand == "ach");
        BOOST_TEST(r.method_last4 == "6789");
        BOOST_TEST(r.mandate_id == "mdt_1");
        BOOST_TEST(r.charge_key == "ck_pay_1");
        BOOST_TEST((r.payer == pws::PayerKind::link));
        BOOST_TEST(r.link_id == "lnk_1");
        BOOST_TEST(r.client_id == "");
        BOOST_TEST(r.payment_method_id == "");
        BOOST_TEST(r.idem_scope == "link:lnk_1");
        BOOST_TEST(r.idem_key == "k1");
        BOOST_TEST(r.created_at == 50);
        BOOST_TEST(t.payment_by_charge_key("ck_pay_1").value.id == "pay_1");
        BOOST_TEST(t.payment_by_charge_key("ck_none").error.code == "not_found");
        BOOST_TEST(t.payments_in_state(pws::PaymentState::reserved, 10).value.size() == 1u);
        BOOST_TEST(t.payments_in_state(pws::PaymentState::succeeded, 10).value.empty());
        return {};
    });
    pws::PaymentRecord dup = make_payment("pay_2", "prc_a", "inv_a", 100, 60);
    dup.charge_key = "ck_pay_1";
    Error e = f.store->write_transaction([&](pws::WriteTxn& t) { return t.insert_payment(dup); });
    BOOST_TEST(e.code == "already_exists");
    BOOST_TEST(e.field == "charge_key");
}

BOOST_AUTO_TEST_CASE(insert_payment_refuses_overpayment_a_third_payment_and_a_wrong_currency) {
    Seeded f;
    Error over = f.store->write_transaction([](pws::WriteTxn& t) {
        return t.insert_payment(make_payment("pay_1", "prc_a", "inv_a", 10001, 1));
    });
    BOOST_TEST(over.code == "overpaid");
    pws::PaymentRecord eur = make_payment("pay_1", "prc_a", "inv_a", 100, 1);
    eur.currency = "EUR";
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_payment(eur); }) == "invalid_value");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error e = t.insert_payment(make_payment("pay_1", "prc_a", "inv_a", 100, 1))) return e;
                   return t.insert_payment(make_payment("pay_2", "prc_a", "inv_a", 100, 2));
               }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_payment(make_payment("pay_3", "prc_a", "inv_a", 100, 3));
               }) == "too_many_payments");
    // A payment row of another practice cannot point at this invoice.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error e = t.update_payment("pay_2", pws::PaymentState::reserved,
                                                  {pws::PaymentState::released, "", "", "", "", 4}))
                       return e;
                   return t.insert_payment(make_payment("pay_4", "prc_b", "inv_a", 100, 3));
               }) == "invalid_reference");
    // A declined attempt may be recorded even when nothing is left to pay.
    pws::PaymentRecord declined = make_payment("pay_5", "prc_a", "inv_a", 999999, 5);
    declined.state = pws::PaymentState::declined;
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_payment(declined); }) == "");
}

BOOST_AUTO_TEST_CASE(payment_state_changes_are_compare_and_set_along_the_life_cycle) {
    Seeded f;
    using S = pws::PaymentState;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_payment(make_payment("pay_1", "prc_a", "inv_a", 100, 1));
               }) == "");
    auto move = [&](S from, S to) {
        return write(*f.store, [&](pws::WriteTxn& t) {
            return t.update_payment("pay_1", from, {to, "ch_9", "", "", "", 10});
        });
    };
    BOOST_TEST(move(S::succeeded, S::returned) == "state_conflict");  // it is reserved
    BOOST_TEST(move(S::reserved, S::reserved) == "invalid_transition");
    BOOST_TEST(move(S::reserved, S::processing) == "");
    BOOST_TEST(move(S::reserved, S::succeeded) == "state_conflict");  // someone settled first
    BOOST_TEST(move(S::processing, S::declined) == "invalid_transition");
    BOOST_TEST(move(S::processing, S::succeeded) == "");
    BOOST_TEST(move(S::succeeded, S::returned) == "");
    BOOST_TEST(move(S::returned, S::succeeded) == "invalid_transition");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.update_payment("pay_none", S::reserved, {S::succeeded, "", "", "", "", 1});
               }) == "not_found");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        auto p = t.payment("pay_1").value;
        BOOST_TEST(p.state == S::returned);
        BOOST_TEST(p.processor_ref == "ch_9");
        BOOST_TEST(p.updated_at == 10);
        return {};
    });
    // A returned debit gives the balance back.
    BOOST_TEST(f.view().invoice.balance == 10000);
    for (S s : {S::reserved, S::succeeded, S::processing, S::declined, S::failed, S::returned, S::released}) {
        BOOST_TEST((pws::parse_payment_state(pws::payment_state_id(s)) == s));
    }
    BOOST_TEST(!pws::parse_payment_state("paid").has_value());
}

// ---------------------------------------------------------------- refunds

namespace {

struct Settled : Seeded {
    Settled() {
        BOOST_REQUIRE_EQUAL(write(*store, [](pws::WriteTxn& t) -> Error {
                                if (Error e = t.insert_payment(make_payment("pay_1", "prc_a", "inv_a", 5000, 1)))
                                    return e;
                                return t.update_payment("pay_1", pws::PaymentState::reserved,
                                                        {pws::PaymentState::succeeded, "ch_1", "", "", "", 2});
                            }),
                            "");
    }
};

pws::RefundRecord make_refund(const std::string& id, std::int64_t amount) {
    return pws::RefundRecord{id, "pay_1", "prc_a", amount, "USD", "overcharged", pws::RefundState::reserved,
                             "rk_" + id, "", "admin:prc_a", "key_" + id, 10, 10};
}

std::int64_t refundable(pws::Store& s, const char* pay) {
    std::int64_t n = -1;
    (void)s.read_transaction([&](pws::ReadTxn& t) -> Error {
        n = t.refundable_amount(pay).value;
        return {};
    });
    return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(refunds_never_exceed_the_settled_amount_and_are_credits) {
    Settled f;
    using R = pws::RefundState;
    BOOST_TEST(refundable(*f.store, "pay_1") == 5000);
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.insert_refund(make_refund("re_1", 3000)); }) == "");
    BOOST_TEST(refundable(*f.store, "pay_1") == 2000);  // reserved refunds count
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.insert_refund(make_refund("re_2", 2001)); }) ==
               "refund_too_large");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.update_refund("re_1", R::reserved, R::succeeded, "re_test_1", 11);
               }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.update_refund("re_1", R::reserved, R::failed, "", 12);
               }) == "state_conflict");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.insert_refund(make_refund("re_2", 2000)); }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.update_refund("re_2", R::reserved, R::failed, "", 12);
               }) == "");
    BOOST_TEST(refundable(*f.store, "pay_1") == 2000);  // a failed refund frees its amount
    pws::RefundRecord dup_key = make_refund("re_3", 10);
    dup_key.refund_key = "rk_re_1";
    Error e = f.store->write_transaction([&](pws::WriteTxn& t) { return t.insert_refund(dup_key); });
    BOOST_TEST(e.code == "already_exists");
    BOOST_TEST(e.field == "refund_key");
    pws::RefundRecord orphan = make_refund("re_4", 10);
    orphan.payment_id = "pay_none";
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_refund(orphan); }) == "not_found");

    // Refunds are a credit: the balance does not reopen.
    pws::InvoiceView v = f.view();
    BOOST_TEST(v.invoice.amount_paid == 5000);
    BOOST_TEST(v.invoice.balance == 5000);
    BOOST_TEST(v.invoice.refunded == 3000);
    BOOST_TEST(v.refunds.size() == 2u);
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        BOOST_TEST(t.refund("re_1").value.processor_ref == "re_test_1");
        BOOST_TEST(t.refund("re_1").value.reason == "overcharged");
        BOOST_TEST(t.refunds_in_state(R::failed, 10).value.size() == 1u);
        BOOST_TEST(t.refunds_in_state(R::reserved, 10).value.empty());
        return {};
    });
}

BOOST_AUTO_TEST_CASE(only_a_succeeded_payment_is_refundable) {
    Seeded f;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_payment(make_payment("pay_1", "prc_a", "inv_a", 5000, 1));
               }) == "");
    BOOST_TEST(refundable(*f.store, "pay_1") == 0);
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.insert_refund(make_refund("re_1", 1)); }) ==
               "refund_too_large");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        BOOST_TEST(t.refundable_amount("pay_none").error.code == "not_found");
        return {};
    });
}

// ---------------------------------------------------------------- history and receipts

BOOST_AUTO_TEST_CASE(history_and_receipt_show_payments_and_refunds) {
    Settled f;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error e = t.insert_refund(make_refund("re_1", 1000))) return e;
                   auto later = make_payment("pay_2", "prc_a", "inv_a", 5000, 100);
                   later.state = pws::PaymentState::declined;
                   return t.insert_payment(later);
               }) == "");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        auto h = t.client_payments("cli_a");
        BOOST_REQUIRE(h.ok());
        BOOST_REQUIRE(h.value.size() == 2u);
        BOOST_TEST(h.value[0].payment.id == "pay_2");  // newest first
        BOOST_TEST(h.value[0].invoice_number == "INV-0001");
        BOOST_TEST(h.value[0].refunds.empty());
        BOOST_REQUIRE(h.value[1].refunds.size() == 1u);
        BOOST_TEST(h.value[1].refunds[0].amount == 1000);
        BOOST_TEST(t.client_payments("cli_other").value.empty());

        auto r = t.receipt("pay_1");
        BOOST_REQUIRE(r.ok());
        BOOST_TEST(r.value.payment.amount == 5000);
        BOOST_TEST(r.value.view.record.id == "inv_a");
        BOOST_TEST(r.value.view.invoice.balance == 5000);
        BOOST_TEST(r.value.view.payments.size() == 2u);
        BOOST_TEST(r.value.view.refunds.size() == 1u);
        BOOST_TEST(r.value.practice.id == "prc_a");
        BOOST_TEST(r.value.client.id == "cli_a");
        BOOST_TEST(t.receipt("pay_none").error.code == "not_found");
        return {};
    });
}

// ---------------------------------------------------------------- idempotency

BOOST_AUTO_TEST_CASE(idempotency_claims_replays_mismatches_and_drops) {
    Seeded f;
    using K = pws::IdempotencyClaim::Kind;
    auto claim = [&](const char* scope, const char* key, const char* hash) {
        pws::IdempotencyClaim c;
        std::string code = write(*f.store, [&](pws::WriteTxn& t) -> Error {
            auto r = t.claim_idempotency(scope, key, hash, 10);
            c = r.value;
            return r.error;
        });
        BOOST_TEST(code == "");
        return c;
    };
    BOOST_TEST((claim("link:l1", "k", "h1").kind == K::claimed));
    BOOST_TEST((claim("link:l1", "k", "h1").kind == K::in_progress));
    BOOST_TEST((claim("link:l1", "k", "h2").kind == K::mismatch));
    BOOST_TEST((claim("link:l2", "k", "h2").kind == K::claimed));  // scopes are separate
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.finish_idempotency("link:l1", "k", 200, "{\"payment\":1}", 11);
               }) == "");
    auto replay = claim("link:l1", "k", "h1");
    BOOST_TEST((replay.kind == K::replay));
    BOOST_TEST(replay.status == 200);
    BOOST_TEST(replay.body == "{\"payment\":1}");
    BOOST_TEST((claim("link:l1", "k", "h2").kind == K::mismatch));
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.drop_idempotency("link:l2", "k"); }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.drop_idempotency("link:l9", "k"); }) == "");
    BOOST_TEST((claim("link:l2", "k", "h3").kind == K::claimed));
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.finish_idempotency("link:l9", "k", 200, "", 11);
               }) == "not_found");
    // A claim made in a transaction that rolls back never existed.
    (void)f.store->write_transaction([](pws::WriteTxn& t) -> Error {
        (void)t.claim_idempotency("client:c1", "k", "h", 12);
        return pw::make_error("validation_failed", "amount", "no");
    });
    BOOST_TEST((claim("client:c1", "k", "h").kind == K::claimed));
}

// ---------------------------------------------------------------- portal

BOOST_AUTO_TEST_CASE(portal_sessions_expire_and_can_be_revoked) {
    Seeded f;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error e = t.insert_session({"sh_1", "cli_a", 100, 200})) return e;
                   if (Error e = t.insert_session({"sh_2", "cli_a", 100, 200})) return e;
                   return t.insert_session({"sh_3", "cli_a", 100, 200});
               }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.insert_session({"sh_9", "cli_none", 1, 2}); }) ==
               "invalid_reference");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        BOOST_TEST(t.session("sh_1", 199).value.client_id == "cli_a");
        BOOST_TEST(t.session("sh_1", 200).error.code == "not_found");
        BOOST_TEST(t.session("sh_x", 150).error.code == "not_found");
        return {};
    });
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.delete_session("sh_1"); }) == "");
    BOOST_TEST(raw_count(f.db.path, "SELECT COUNT(*) FROM portal_sessions") == 2);
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.delete_client_sessions("cli_a"); }) == "");
    BOOST_TEST(raw_count(f.db.path, "SELECT COUNT(*) FROM portal_sessions") == 0);
}

BOOST_AUTO_TEST_CASE(one_time_tokens_are_single_use_per_purpose) {
    Seeded f;
    using P = pws::OneTimePurpose;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error e = t.insert_one_time_token({"ot_1", "cli_a", P::invitation, 1, 100, {}})) return e;
                   return t.insert_one_time_token({"ot_2", "cli_a", P::password_reset, 1, 100, {}});
               }) == "");
    auto use = [&](const char* h, P p, pws::UnixTime now) {
        return write(*f.store, [&](pws::WriteTxn& t) { return t.consume_one_time_token(h, p, now).error; });
    };
    BOOST_TEST(use("ot_1", P::password_reset, 50) == "token_unknown");
    BOOST_TEST(use("ot_2", P::password_reset, 100) == "token_expired");
    BOOST_TEST(use("ot_1", P::invitation, 50) == "");
    BOOST_TEST(use("ot_1", P::invitation, 51) == "token_used");
    BOOST_TEST(use("ot_3", P::invitation, 51) == "token_unknown");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        BOOST_TEST(*t.one_time_token("ot_1").value.used_at == 50);
        BOOST_TEST((t.one_time_token("ot_2").value.purpose == P::password_reset));
        return {};
    });
}

BOOST_AUTO_TEST_CASE(outbox_round_trips) {
    Seeded f;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error e = t.insert_outbox({"eml_1", "prc_a", "inv_a", "ann@example.com",
                                                  "Invoice INV-0001", "var/outbox/eml_1.eml", 5}))
                       return e;
                   return t.insert_outbox({"eml_2", "prc_a", "", "ann@example.com", "Reset", "p2", 6});
               }) == "");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        auto o = t.outbox("prc_a");
        BOOST_REQUIRE(o.ok());
        BOOST_REQUIRE(o.value.size() == 2u);
        BOOST_TEST(o.value[0].invoice_id == "inv_a");
        BOOST_TEST(o.value[0].to == "ann@example.com");
        BOOST_TEST(o.value[0].subject == "Invoice INV-0001");
        BOOST_TEST(o.value[0].path == "var/outbox/eml_1.eml");
        BOOST_TEST(o.value[1].invoice_id == "");
        return {};
    });
}

BOOST_AUTO_TEST_CASE(hostile_strings_are_stored_verbatim) {
    Seeded f;
    // Quotes, SQL fragments, NUL bytes and invalid UTF-8 are data, never SQL.
    static const char raw[] = "x'); DROP TABLE clients;--\"\0\xff\xfe";
    const std::string evil(raw, sizeof raw - 1);
    pws::Client c = make_client("cli_evil", "prc_a", "evil@example.com");
    c.name = evil;
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_client(c); }) == "");
    (void)f.store->read_transaction([&](pws::ReadTxn& t) -> Error {
        BOOST_TEST(t.client("cli_evil").value.name == evil);
        BOOST_TEST(t.client(evil).error.code == "not_found");
        return {};
    });
    BOOST_TEST(raw_count(f.db.path, "SELECT COUNT(*) FROM clients") == 2);
}
