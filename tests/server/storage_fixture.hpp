// Test helpers for the storage suites: a temp database file, and ready-made
// records (a practice, a client, an invoice) to build on.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <ostream>
#include <string>

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

// A fresh directory under $TMPDIR with a database path in it; removed with
// its files at the end.
struct TempDb {
    std::string dir;
    std::string path;
    TempDb() {
        const char* base = std::getenv("TMPDIR");
        std::string tmpl = std::string(base != nullptr && *base != '\0' ? base : "/tmp") +
                           "/pw_storage_XXXXXX";
        char* made = ::mkdtemp(tmpl.data());
        dir = made != nullptr ? std::string(made) : std::string("/tmp");
        path = dir + "/test.db";
    }
    ~TempDb() {
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
    pw::Result<std::unique_ptr<pws::Store>> s = pws::open_sqlite_store(o);
    if (!s.ok()) {
        std::fprintf(stderr, "open_sqlite_store: %s %s\n", s.error.code.c_str(),
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
    p.api_key_hash = "keyhash_" + id;
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

}  // namespace storage_test
