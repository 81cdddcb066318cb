// Storage: the console's invitations of practice users (schema version 7),
// disabling a user, the client search and a client's last portal
// invitation. Runs on SQLite and, as storage_console_people_pg, on
// PostgreSQL.
#define BOOST_TEST_MODULE storage_console_people
#include <boost/test/unit_test.hpp>

#include "storage_fixture.hpp"

using namespace storage_test;
using pw::Error;

namespace {

pws::PracticeInvitation make_invitation(const std::string& id, const std::string& hash, const std::string& email,
                                        pws::UnixTime created = 1000) {
    pws::PracticeInvitation i;
    i.id = id;
    i.token_hash = hash;
    i.practice_id = "prc_a";
    i.email = email;
    i.name = "Invitee " + id;
    i.role = pws::PracticeRole::staff;
    i.invited_by = "usr_owner";
    i.created_at = created;
    i.expires_at = created + 7 * 86400;
    return i;
}

struct People : Seeded {
    People() {
        BOOST_REQUIRE_EQUAL(write(*store, [](pws::WriteTxn& t) -> Error {
                                if (Error e = t.insert_practice(make_practice("prc_b"))) return e;
                                return t.insert_practice_user(make_practice_user("usr_owner", "prc_a", "owner@a.example", pws::PracticeRole::owner));
                            }),
                            "");
    }
    std::vector<pws::PracticeInvitation> pending(const std::string& practice, pws::UnixTime now) {
        std::vector<pws::PracticeInvitation> out;
        (void)store->read_transaction([&](pws::ReadTxn& t) -> Error {
            out = t.pending_practice_invitations(practice, now).value;
            return {};
        });
        return out;
    }
    std::string consume(const std::string& hash, pws::UnixTime now) {
        return write(*store, [&](pws::WriteTxn& t) { return t.consume_practice_invitation(hash, now).error; });
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(an_invitation_is_stored_by_hash_and_listed_while_pending) {
    People f;
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_practice_invitation(make_invitation("pin_1", "h1", "Sam@A.example"));
               }) == "");
    // The token hash is unique; the inviter and the practice must exist.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.insert_practice_invitation(make_invitation("pin_2", "h1", "x@a.example"));
               }) == "already_exists");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   auto i = make_invitation("pin_3", "h3", "x@a.example");
                   i.invited_by = "usr_nobody";
                   return t.insert_practice_invitation(i);
               }) == "invalid_reference");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        auto i = t.practice_invitation_by_token("h1");
        BOOST_TEST(i.value.id == "pin_1");
        BOOST_TEST(i.value.email == "Sam@A.example");
        BOOST_TEST((i.value.role == pws::PracticeRole::staff));
        BOOST_TEST(i.value.invited_by == "usr_owner");
        BOOST_TEST(i.value.expires_at == 1000 + 7 * 86400);
        BOOST_TEST(!i.value.used_at.has_value());
        BOOST_TEST(t.practice_invitation_by_token("nope").error.code == "not_found");
        return {};
    });
    BOOST_TEST(f.pending("prc_a", 2000).size() == 1u);
    BOOST_TEST(f.pending("prc_b", 2000).empty());                  // another practice sees none
    BOOST_TEST(f.pending("prc_a", 1000 + 7 * 86400).empty());      // expired
}

BOOST_AUTO_TEST_CASE(an_invitation_is_used_once_and_never_after_expiry_or_revocation) {
    People f;
    BOOST_REQUIRE_EQUAL(write(*f.store, [](pws::WriteTxn& t) -> Error {
                            if (Error e = t.insert_practice_invitation(make_invitation("pin_1", "h1", "a@a.example")))
                                return e;
                            if (Error e = t.insert_practice_invitation(make_invitation("pin_2", "h2", "b@a.example")))
                                return e;
                            return t.insert_practice_invitation(make_invitation("pin_3", "h3", "c@a.example"));
                        }),
                        "");
    BOOST_TEST(f.consume("h1", 2000) == "");
    BOOST_TEST(f.consume("h1", 2001) == "token_used");
    BOOST_TEST(f.consume("unknown", 2000) == "token_unknown");
    BOOST_TEST(f.consume("h2", 1000 + 7 * 86400) == "token_expired");
    // Revoked: by id (only the practice's own), then it no longer works.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.revoke_practice_invitation("prc_b", "pin_3", 2000); }) ==
               "not_found");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.revoke_practice_invitation("prc_a", "pin_3", 2000); }) ==
               "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.revoke_practice_invitation("prc_a", "pin_3", 2001); }) ==
               "not_found");
    BOOST_TEST(f.consume("h3", 2002) == "token_expired");
    BOOST_TEST(f.pending("prc_a", 2003).size() == 1u);  // pin_2 only
    // A failed transaction rolls the use back: the invitation still works.
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (auto u = t.consume_practice_invitation("h2", 2004); !u.ok()) return u.error;
                   return pw::make_error("rolled_back", "", "");
               }) == "rolled_back");
    BOOST_TEST(f.consume("h2", 2005) == "");
}

BOOST_AUTO_TEST_CASE(a_new_invitation_for_an_email_revokes_the_older_ones_of_that_practice) {
    People f;
    BOOST_REQUIRE_EQUAL(write(*f.store, [](pws::WriteTxn& t) -> Error {
                            if (Error e = t.insert_practice_invitation(make_invitation("pin_1", "h1", "sam@a.example")))
                                return e;
                            return t.insert_practice_invitation(make_invitation("pin_2", "h2", "other@a.example"));
                        }),
                        "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) {
                   return t.revoke_practice_invitations_for("prc_a", "SAM@a.example", 1500);
               }) == "");
    const auto left = f.pending("prc_a", 1600);
    BOOST_REQUIRE(left.size() == 1u);
    BOOST_TEST(left[0].id == "pin_2");
    BOOST_TEST(f.consume("h1", 1700) == "token_expired");
}

BOOST_AUTO_TEST_CASE(disabling_a_user_is_scoped_to_the_practice_and_ends_their_sessions) {
    People f;
    BOOST_REQUIRE_EQUAL(write(*f.store, [](pws::WriteTxn& t) -> Error {
                            if (Error e = t.insert_practice_user(
                                    make_practice_user("usr_s", "prc_a", "s@a.example", pws::PracticeRole::staff)))
                                return e;
                            if (Error e = t.insert_console_session({"cs_1", "usr_s", 100, 1000, 2000})) return e;
                            return t.insert_console_session({"cs_2", "usr_owner", 100, 1000, 2000});
                        }),
                        "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.disable_practice_user("prc_b", "usr_s", 500); }) ==
               "not_found");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) -> Error {
                   if (Error e = t.disable_practice_user("prc_a", "usr_s", 500)) return e;
                   return t.delete_user_console_sessions("usr_s");
               }) == "");
    BOOST_TEST(write(*f.store, [](pws::WriteTxn& t) { return t.disable_practice_user("prc_a", "usr_s", 600); }) ==
               "not_found");  // already disabled
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        BOOST_TEST(t.practice_user("usr_s").value.disabled_at.value_or(0) == 500);
        BOOST_TEST(t.console_session("cs_1", 200).error.code == "not_found");
        BOOST_TEST(t.console_session("cs_2", 200).ok());  // others keep theirs
        return {};
    });
}

BOOST_AUTO_TEST_CASE(the_client_search_matches_name_or_email_case_insensitively_within_the_practice) {
    People f;
    BOOST_REQUIRE_EQUAL(write(*f.store, [](pws::WriteTxn& t) -> Error {
                            auto a = make_client("cli_1", "prc_a", "jordan.rivera@mail.example");
                            a.name = "Jordan Rivera";
                            auto b = make_client("cli_2", "prc_a", "sam@mail.example");
                            b.name = "Sam 100% Lee";
                            auto c = make_client("cli_3", "prc_b", "jordan@other.example");
                            c.name = "Jordan Other";
                            for (const auto& x : {a, b, c})
                                if (Error e = t.insert_client(x)) return e;
                            return {};
                        }),
                        "");
    auto search = [&](const std::string& practice, const std::string& text, std::size_t limit = 50) {
        std::vector<std::string> ids;
        (void)f.store->read_transaction([&](pws::ReadTxn& t) -> Error {
            for (const auto& c : t.search_practice_clients(practice, text, limit).value) ids.push_back(c.id);
            return {};
        });
        return ids;
    };
    BOOST_TEST(search("prc_a", "JORDAN") == std::vector<std::string>{"cli_1"});
    BOOST_TEST(search("prc_a", "MAIL.example").size() == 2u);
    BOOST_TEST(search("prc_a", "100%") == std::vector<std::string>{"cli_2"});  // % is literal
    // _ is literal too: only the seeded "Client cli_a" has one.
    BOOST_TEST(search("prc_a", "_") == std::vector<std::string>{"cli_a"});
    BOOST_TEST(search("prc_a", "").size() == 3u);  // cli_a (seeded), cli_1, cli_2
    BOOST_TEST(search("prc_a", "", 1).size() == 1u);
    BOOST_TEST(search("prc_b", "rivera").empty());
}

BOOST_AUTO_TEST_CASE(the_last_portal_invitation_of_a_client_is_known) {
    People f;
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        BOOST_TEST(!t.last_portal_invitation("cli_a").value.has_value());
        return {};
    });
    BOOST_REQUIRE_EQUAL(write(*f.store, [](pws::WriteTxn& t) -> Error {
                            for (pws::UnixTime at : {100, 300, 200}) {
                                pws::OneTimeToken o{"ott_" + std::to_string(at), "cli_a",
                                                    pws::OneTimePurpose::invitation, at, at + 10, std::nullopt};
                                if (Error e = t.insert_one_time_token(o)) return e;
                            }
                            return t.insert_one_time_token({"ott_reset", "cli_a", pws::OneTimePurpose::password_reset,
                                                            900, 910, std::nullopt});
                        }),
                        "");
    (void)f.store->read_transaction([](pws::ReadTxn& t) -> Error {
        BOOST_TEST(t.last_portal_invitation("cli_a").value.value_or(0) == 300);
        return {};
    });
}
