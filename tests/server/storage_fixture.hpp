// Test helpers for the storage suites (tests/server/test_storage_*.cpp): a
// temp database, ready-made records (a practice, a client, an invoice) to
// build on, and raw SQL access to the database behind the Store's back.
//
// One suite, both backends: with PW_STORE_BACKEND=postgres (server_tests.cmake
// registers each storage suite a second time as server.storage_<x>_pg) a
// TempDb is a fresh schema on the process's throwaway PostgreSQL cluster
// (pg_cluster.hpp) and its `path` a libpq URL; otherwise a temp SQLite file.
// open_store, raw_exec and raw_count follow the path.
#pragma once

#include <boost/test/unit_test.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <ostream>
#include <string>

#include "pg_cluster.hpp"
#include "storage/store.hpp"

// Printable enums for BOOST_TEST's messages.
namespace pws {
inline std::ostream& operator<<(std::ostream& o, PaymentState s) { return o << payment_state_id(s); }
inline std::ostream& operator<<(std::ostream& o, RefundState s) { return o << refund_state_id(s); }
inline std::ostream& operator<<(std::ostream& o, Durability d) { return o << durability_id(d); }
}  // namespace pws
namespace pw {
inline std::ostream& operator<<(std::ostream& o, InvoiceStatus s) { return o << status_id(s); }
inline std::ostream& operator<<(std::ostream& o, BankScheme s) { return o << scheme_id(s); }
}  // namespace pw

namespace storage_test {

// True in the PostgreSQL run of a storage suite.
inline bool on_postgres() {
    const char* b = std::getenv("PW_STORE_BACKEND");
    return b != nullptr && std::string(b) == "postgres";
}

// A fresh database: a directory under $TMPDIR with a database path in it,
// removed with its files at the end; or on PostgreSQL a fresh schema.
struct TempDb {
    std::string dir;
    std::string path;
    TempDb() {
        if (on_postgres()) {
            path = pwtest::PgCluster::instance().fresh_database();
            return;
        }
        const char* base = std::getenv("TMPDIR");
        std::string tmpl = std::string(base != nullptr && *base != '\0' ? base : "/tmp") +
                           "/pw_storage_XXXXXX";
        char* made = ::mkdtemp(tmpl.data());
        dir = made != nullptr ? std::string(made) : std::string("/tmp");
        path = dir + "/test.db";
    }
    ~TempDb() {
        if (dir.empty()) return;  // PostgreSQL: the cluster goes at exit
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            std::remove((path + suffix).c_str());
        }
        ::rmdir(dir.c_str());
    }
};

inline std::unique_ptr<pws::Store> open_store(const std::string& path,
                                              pws::Durability d = pws::kDefaultDurability,
                                              bool local_write_queue = true) {
    pws::StoreOptions o;
    o.path = path;
    o.durability = d;
    o.local_write_queue = local_write_queue;
    pw::Result<std::unique_ptr<pws::Store>> s = pws::open_store(o);
    if (!s.ok()) {
        std::fprintf(stderr, "open_store: %s %s\n", s.error.code.c_str(),
                     s.error.message.c_str());
        return nullptr;
    }
    return std::move(s.value);
}

inline pws::Practice make_practice(const std::string& id) {
    pws::Practice p;
    p.id = id;
    p.name = "Dr " + id;
    p.email = id + "@practice.example";
    p.phone = "+1 555 0100";
    p.settings.allow_card_removal = true;
    p.settings.settlement_currency = "USD";
    p.settings.embed_origins = {"https://" + id + ".example", "http://localhost:8080"};
    p.created_at = 1700000000;
    return p;
}

inline pws::Client make_client(const std::string& id, const std::string& practice_id,
                               const std::string& email) {
    pws::Client c;
    c.id = id;
    c.practice_id = practice_id;
    c.name = "Client " + id;
    c.email = email;
    c.phone = "";
    c.created_at = 1700000100;
    return c;
}

// A console user (the password hash a placeholder: storage never checks it).
inline pws::PracticeUser make_practice_user(const std::string& id, const std::string& practice_id,
                                            const std::string& email,
                                            pws::PracticeRole role = pws::PracticeRole::staff) {
    pws::PracticeUser u;
    u.id = id;
    u.practice_id = practice_id;
    u.email = email;
    u.name = "User " + id;
    u.role = role;
    u.password_hash = "$argon2id$placeholder";
    u.created_at = 1700000300;
    return u;
}

// An invoice of one line: quantity 1 x `total`, partial payments enabled
// with a fixed minimum of 1 minor unit, up to 2 payments.
inline pws::InvoiceRecord make_invoice(const std::string& id, const std::string& practice_id,
                                       const std::string& client_id, const std::string& number,
                                       std::int64_t total) {
    pws::InvoiceRecord r;
    r.id = id;
    r.practice_id = practice_id;
    r.client_id = client_id;
    r.created_at = 1700000200;
    pw::Invoice& d = r.definition;
    d.id = id;
    d.number = number;
    d.currency = "USD";
    d.issue_date = pw::Date{2024, 3, 1};
    d.due_date = pw::Date{2024, 3, 31};
    d.practitioner = pw::Contact{"Dr Practice", "dr@practice.example", ""};
    d.client = pw::Contact{"Client", "client@example.com", ""};
    d.items = {pw::LineItem{"Session", 1, total, 0}};
    d.partial.enabled = true;
    d.partial.minimum_kind = pw::MinimumKind::fixed;
    d.partial.minimum_amount = 1;
    d.partial.max_payments = 2;
    d.accepted.card = true;
    return r;
}

inline pws::PaymentRecord make_payment(const std::string& id, const std::string& practice_id,
                                       const std::string& invoice_id, std::int64_t amount,
                                       pws::UnixTime at) {
    pws::PaymentRecord p;
    p.id = id;
    p.practice_id = practice_id;
    p.invoice_id = invoice_id;
    p.amount = amount;
    p.currency = "USD";
    p.state = pws::PaymentState::reserved;
    p.method_type = pw::MethodType::card;
    p.method_brand = "visa";
    p.method_last4 = "4242";
    p.charge_key = "ck_" + id;
    p.payer = pws::PayerKind::link;
    p.created_at = at;
    p.updated_at = at;
    return p;
}

// Seeds practice "prc_a", client "cli_a" and invoice "inv_a" (total given).
inline pw::Error seed(pws::Store& store, std::int64_t total) {
    return store.write_transaction([&](pws::WriteTxn& t) -> pw::Error {
        if (pw::Error e = t.insert_practice(make_practice("prc_a"))) return e;
        if (pw::Error e = t.insert_client(make_client("cli_a", "prc_a", "ann@example.com"))) return e;
        return t.insert_invoice(make_invoice("inv_a", "prc_a", "cli_a", "INV-0001", total));
    });
}

// A vault token (a Visa ending 4242, valid from t=1000 to 1900) bound to a
// link or a client ("" for neither).
inline pws::VaultToken make_token(const std::string& hash, const std::string& link_id,
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

// Runs a raw SQL statement on the database (what an operator or a newer
// binary might do), outside the Store.
inline void raw_exec(const std::string& path, const char* sql) {
    if (pws::is_postgres_url(path)) {
        BOOST_CHECK_NO_THROW(pwtest::PgCluster::exec(path, sql));
        return;
    }
    sqlite3* db = nullptr;
    BOOST_REQUIRE_EQUAL(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* msg = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &msg);
    BOOST_CHECK_MESSAGE(rc == SQLITE_OK, (msg != nullptr ? msg : "") << " in " << sql);
    sqlite3_free(msg);
    sqlite3_close(db);
}

inline std::int64_t raw_count(const std::string& path, const char* sql) {
    if (pws::is_postgres_url(path)) return pwtest::PgCluster::count(path, sql);
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
    return s.write_transaction([&](pws::WriteTxn& t) -> pw::Error { return fn(t); }).code;
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
        pw::Error e = store->read_transaction([&](pws::ReadTxn& t) -> pw::Error {
            auto r = t.invoice_view(id);
            v = r.value;
            return r.error;
        });
        BOOST_REQUIRE_EQUAL(e.code, "");
        return v;
    }
};

// Seeded, plus pay links lnk_1 and lnk_2 on inv_a.
struct WithLinks : Seeded {
    WithLinks() {
        BOOST_REQUIRE_EQUAL(write(*store, [](pws::WriteTxn& t) -> pw::Error {
                                if (pw::Error e = t.insert_link({"lnk_1", "inv_a", "prc_a", "th_1", 1, 99999, {}})) return e;
                                return t.insert_link({"lnk_2", "inv_a", "prc_a", "th_2", 1, 99999, {}});
                            }),
                            "");
    }
};

}  // namespace storage_test
