// Storage: single-use card/bank tokens, mandates, and the client wallet.
#define BOOST_TEST_MODULE storage_vault
#include <boost/test/unit_test.hpp>

#include "storage_fixture.hpp"

using namespace storage_test;
using pw::Error;

// ---------------------------------------------------------------- vault

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
    pws::Mandate m{"mdt_1", "prc_a", pw::BankScheme::pad, "pad-fr-CA-c26dd8a3", "J’autorise…", 1234,
                   "Ann Payer", "203.0.113.9", "fr-CA"};
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
        BOOST_TEST(got.value.locale == "fr-CA");
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
