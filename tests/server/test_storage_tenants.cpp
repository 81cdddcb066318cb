// Storage: practices and clients, and hostile text stored as data.
#define BOOST_TEST_MODULE storage_tenants
#include <boost/test/unit_test.hpp>

#include "storage_fixture.hpp"

using namespace storage_test;
using pw::Error;

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
        BOOST_TEST(p.value.settings.allow_card_removal == true);
        BOOST_TEST(p.value.settings.settlement_currency == "USD");
        BOOST_TEST(p.value.settings.embed_origins == want.settings.embed_origins);
        BOOST_TEST(p.value.created_at == want.created_at);
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

BOOST_AUTO_TEST_CASE(practice_id_is_unique) {
    Seeded f;
    Error e = f.store->write_transaction([&](pws::WriteTxn& t) { return t.insert_practice(make_practice("prc_a")); });
    BOOST_TEST(e.code == "already_exists");
    BOOST_TEST(e.field == "id");
}

// ---------------------------------------------------------------- admin keys

pws::AdminKeyRecord admin_key(const std::string& id, const std::string& practice_id) {
    pws::AdminKeyRecord k;
    k.id = id;
    k.practice_id = practice_id;
    k.name = "key " + id;
    k.key_hash = "hash_" + id;
    k.hint = "pwk_..." + id.substr(id.size() - 1);
    k.created_at = 1700000000;
    return k;
}

// Practices prc_a (keys key_1, key_2) and prc_b (key_3).
struct WithAdminKeys : Seeded {
    WithAdminKeys() {
        BOOST_REQUIRE_EQUAL(write(*store, [](pws::WriteTxn& t) -> Error {
                                if (Error e = t.insert_practice(make_practice("prc_b"))) return e;
                                for (const char* id : {"key_1", "key_2"})
                                    if (Error e = t.insert_admin_key(admin_key(id, "prc_a"))) return e;
                                return t.insert_admin_key(admin_key("key_3", "prc_b"));
                            }),
                            "");
    }
};

BOOST_AUTO_TEST_CASE(admin_keys_several_per_practice_and_hash_unique) {
    WithAdminKeys f;
    pws::AdminKeyRecord dup = admin_key("key_4", "prc_b");
    dup.key_hash = "hash_key_1";
    Error e = f.store->write_transaction([&](pws::WriteTxn& t) { return t.insert_admin_key(dup); });
    BOOST_TEST(e.code == "already_exists");
    BOOST_TEST(e.field == "key_hash");
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_admin_key(admin_key("key_5", "prc_zz")); }) ==
               "invalid_reference");
    (void)f.store->read_transaction([&](pws::ReadTxn& t) -> Error {
        auto a = t.admin_keys("prc_a");
        BOOST_REQUIRE(a.ok());
        BOOST_REQUIRE(a.value.size() == 2u);
        BOOST_TEST(a.value[0].id == "key_1");
        BOOST_TEST(a.value[1].hint == "pwk_...2");
        BOOST_TEST(t.active_admin_key("hash_key_2").value.practice_id == "prc_a");
        BOOST_TEST(t.active_admin_key("hash_nope").error.code == "not_found");
        return {};
    });
}

BOOST_AUTO_TEST_CASE(revoking_an_admin_key_keeps_the_last_and_stays_in_its_practice) {
    WithAdminKeys f;
    // Another practice's key is not found, and stays active.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.revoke_admin_key("prc_a", "key_3", 5); }) == "not_found");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.revoke_admin_key("prc_a", "key_1", 5); }) == "");
    // Again: no error, the first time is kept.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.revoke_admin_key("prc_a", "key_1", 9); }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.revoke_admin_key("prc_a", "key_2", 6); }) ==
               "last_admin_key");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.revoke_admin_key("prc_b", "key_3", 6); }) ==
               "last_admin_key");
    (void)f.store->read_transaction([&](pws::ReadTxn& t) -> Error {
        BOOST_TEST(t.active_admin_key("hash_key_1").error.code == "not_found");
        BOOST_TEST(t.active_admin_key("hash_key_2").ok());
        BOOST_TEST(t.active_admin_key("hash_key_3").ok());
        BOOST_TEST(*t.admin_keys("prc_a").value[0].revoked_at == 5);
        return {};
    });
}

BOOST_AUTO_TEST_CASE(recording_a_use_replaces_hash_and_hint) {
    Seeded f;
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_admin_key(admin_key("key_1", "prc_a")); }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.record_admin_key_use("key_1", "rehashed", "pwk_...wxyz", 77); }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.record_admin_key_use("key_9", "x", "", 77); }) == "not_found");
    (void)f.store->read_transaction([&](pws::ReadTxn& t) -> Error {
        auto k = t.active_admin_key("rehashed");
        BOOST_REQUIRE(k.ok());
        BOOST_TEST(*k.value.last_used_at == 77);
        BOOST_TEST(k.value.hint == "pwk_...wxyz");
        BOOST_TEST(t.active_admin_key("hash_key_1").error.code == "not_found");
        return {};
    });
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

BOOST_AUTO_TEST_CASE(hostile_strings_are_stored_verbatim) {
    Seeded f;
    // Quotes, SQL fragments, NUL bytes and invalid UTF-8 are data, never SQL.
    // PostgreSQL's text cannot hold a NUL byte or invalid UTF-8: it refuses
    // them (invalid_value) and stores the rest verbatim.
    static const char raw[] = "x'); DROP TABLE clients;--\"\0\xff\xfe";
    const std::string bytes(raw, sizeof raw - 1);
    const std::string evil = on_postgres() ? std::string(raw) : bytes;
    pws::Client c = make_client("cli_evil", "prc_a", "evil@example.com");
    if (on_postgres()) {
        c.name = bytes;
        BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_client(c); }) == "invalid_value");
    }
    c.name = evil;
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_client(c); }) == "");
    (void)f.store->read_transaction([&](pws::ReadTxn& t) -> Error {
        BOOST_TEST(t.client("cli_evil").value.name == evil);
        BOOST_TEST(t.client(evil).error.code == "not_found");
        return {};
    });
    BOOST_TEST(raw_count(f.db.path, "SELECT COUNT(*) FROM clients") == 2);
}

// Migration 10: a client's language for pages and emails, "" for none; it
// is stored as given (the services check it is a supported locale).
BOOST_AUTO_TEST_CASE(a_clients_language_is_stored_and_cleared) {
    Seeded f;
    pws::Client with = make_client("cli_es", "prc_a", "es@example.com");
    with.locale = "es";
    BOOST_TEST(write(*f.store, [&](pws::WriteTxn& t) { return t.insert_client(with); }) == "");
    auto locale_of = [&](const std::string& id) {
        std::string out = "?";
        (void)f.store->read_transaction([&](pws::ReadTxn& t) -> Error {
            auto c = t.client(id);
            if (c.ok()) out = c.value.locale;
            return c.error;
        });
        return out;
    };
    BOOST_TEST(locale_of("cli_es") == "es");
    BOOST_TEST(locale_of("cli_a") == "");  // no preference
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.set_client_locale("cli_a", "fr-CA"); }) == "");
    BOOST_TEST(locale_of("cli_a") == "fr-CA");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.set_client_locale("cli_a", ""); }) == "");
    BOOST_TEST(locale_of("cli_a") == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.set_client_locale("cli_none", "fr"); }) == "not_found");
}
