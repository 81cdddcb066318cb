// Storage: client portal sessions, one-time tokens (invitation, password reset) and the email outbox.
#define BOOST_TEST_MODULE storage_portal
#include <boost/test/unit_test.hpp>

#include "storage_fixture.hpp"

using namespace storage_test;
using pw::Error;

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
