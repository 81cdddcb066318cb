// The retry of a payment whose charge never happened: the store finds the
// released payment by token, idempotency scope and key, through the partial
// index of schema version 2 (never a scan of every released payment; the
// plan is checked on SQLite in test_storage_sqlite_file.cpp).
#define BOOST_TEST_MODULE storage_payment_retry
#include <boost/test/unit_test.hpp>

#include <string>

#include "storage/migrations.hpp"
#include "storage_fixture.hpp"

using namespace storage_test;
using pw::Error;

namespace {

// A portal payment with this token and key, reserved then released (the
// charge never reached the processor).
Error released_payment(pws::WriteTxn& t, const std::string& id, const std::string& token_hash,
                       const std::string& scope, const std::string& key, pws::UnixTime at) {
    pws::PaymentRecord p = make_payment(id, "prc_a", "inv_a", 100, at);
    p.payer = pws::PayerKind::portal;
    p.client_id = "cli_a";
    p.token_hash = token_hash;
    p.idem_scope = scope;
    p.idem_key = key;
    if (Error e = t.insert_payment(p)) return e;
    pws::PaymentUpdate u;
    u.state = pws::PaymentState::released;
    u.updated_at = at + 1;
    return t.update_payment(id, pws::PaymentState::reserved, u);
}

}  // namespace

BOOST_AUTO_TEST_CASE(finds_the_released_payment_of_that_token_scope_and_key_only) {
    TempDb db;
    auto store = open_store(db.path);
    BOOST_REQUIRE(store);
    BOOST_REQUIRE_EQUAL(seed(*store, 100000).code, "");
    BOOST_REQUIRE_EQUAL(write(*store,
                              [](pws::WriteTxn& t) -> Error {
                                  for (const char* h : {"tk_1", "tk_2"})
                                      if (Error e = t.insert_token(make_token(h, "", "cli_a"))) return e;
                                  if (Error e = released_payment(t, "pay_1", "tk_1", "s:1", "k1", 10)) return e;
                                  if (Error e = released_payment(t, "pay_2", "tk_1", "s:1", "k2", 11)) return e;
                                  if (Error e = released_payment(t, "pay_3", "tk_1", "s:2", "k1", 12)) return e;
                                  if (Error e = released_payment(t, "pay_4", "tk_2", "s:1", "k1", 13)) return e;
                                  // Same token, scope and key, but live: not a released retry.
                                  pws::PaymentRecord live = make_payment("pay_5", "prc_a", "inv_a", 100, 14);
                                  live.token_hash = "tk_2";
                                  live.idem_scope = "s:9";
                                  live.idem_key = "k9";
                                  return t.insert_payment(live);
                              }),
                        "");
    (void)store->read_transaction([](pws::ReadTxn& t) -> Error {
        BOOST_TEST(t.released_payment_of_retry("tk_1", "s:1", "k1").value.id == "pay_1");
        BOOST_TEST(t.released_payment_of_retry("tk_1", "s:1", "k2").value.id == "pay_2");
        BOOST_TEST(t.released_payment_of_retry("tk_1", "s:2", "k1").value.id == "pay_3");
        BOOST_TEST(t.released_payment_of_retry("tk_2", "s:1", "k1").value.id == "pay_4");
        BOOST_TEST(t.released_payment_of_retry("tk_2", "s:1", "k2").error.code == "not_found");
        BOOST_TEST(t.released_payment_of_retry("tk_2", "s:9", "k9").error.code == "not_found");  // reserved
        BOOST_TEST(t.released_payment_of_retry("tk_3", "s:1", "k1").error.code == "not_found");
        return {};
    });
}
