// The console's Users against the real server binary: the owner invites a
// person (the email goes through the outbox with a link; only a hash of its
// token is stored), the invited person chooses a password and is signed in
// with the invited role; an invitation works once, until it expires or is
// withdrawn; an email that already belongs to a user is refused; the owner
// disables a staff user (their sessions end); staff reach none of it (404);
// another practice's invitation or user is a 404; every form needs this
// host's Origin. Also: sign-ins and sign-outs in Activity, and an API key
// form posted twice creates one key.
#define BOOST_TEST_MODULE console_users
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>

#include "console_forms.hpp"

using namespace pws_test;

namespace {

const std::string kLink = "/console/invitation?token=";

struct Fixture : ConsoleServer {
    std::string owner_session;
    Fixture() {
        add_user(practice.id, "ann@clinic.example", pws::PracticeRole::owner);
        owner_session = session_of("ann@clinic.example");
    }
    // Invites through the Users form; returns the token of the email sent.
    std::string invite(const std::string& email, const std::string& role = "staff",
                       const std::string& name = "Sam Staff") {
        const std::set<std::string> before = outbox_tokens(email, kLink);
        ConsolePage p = post("/console/users/invite", {{"name", name}, {"email", email}, {"role", role}}, owner_session);
        BOOST_REQUIRE_EQUAL(p.status, 302);
        BOOST_TEST(p.location == "/console/users?invited=1");
        std::string fresh;
        for (const std::string& t : outbox_tokens(email, kLink))
            if (!before.count(t)) fresh = t;
        BOOST_REQUIRE(fresh.size() >= 40u);
        return fresh;
    }
    ConsolePage accept(const std::string& token, const std::string& password, const std::string& confirm) {
        return post("/console/invitation", {{"token", token}, {"password", password}, {"confirm", confirm}});
    }
    std::optional<pws::PracticeUser> user_by_email(const std::string& email) {
        std::optional<pws::PracticeUser> out;
        seed.store().read_transaction([&](pws::ReadTxn& t) -> pw::Error {
            auto u = t.practice_user_by_email(email);
            if (u.ok()) out = u.value;
            return {};
        });
        return out;
    }
    std::size_t key_count() {
        std::size_t n = 0;
        seed.store().read_transaction([&](pws::ReadTxn& t) -> pw::Error {
            n = t.admin_keys(practice.id).value.size();
            return {};
        });
        return n;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(console_users, Fixture)

BOOST_AUTO_TEST_CASE(an_invited_person_sets_a_password_once_and_is_signed_in_with_the_role) {
    ConsolePage users = get("/console/users", owner_session);
    BOOST_TEST(users.status == 200);
    BOOST_TEST(users.body.find("href=\"/console/users\" aria-current=\"page\">Users<") != std::string::npos);
    BOOST_TEST(users.body.find("No pending invitations.") != std::string::npos);

    const std::string token = invite("sam@clinic.example");
    // Only the token's keyed hash is stored.
    seed.store().read_transaction([&](pws::ReadTxn& t) -> pw::Error {
        BOOST_TEST(t.practice_invitation_by_token(token).error.code == "not_found");
        return {};
    });
    ConsolePage listed = get("/console/users?invited=1", owner_session);
    BOOST_TEST(listed.body.find("The invitation was emailed.") != std::string::npos);
    BOOST_TEST(listed.body.find(">sam@clinic.example</td><td><span class=\"nowrap\">Staff</span>") != std::string::npos);
    BOOST_TEST(listed.body.find(token) == std::string::npos);  // never shown

    // The set-password page: who, for which practice, in which role.
    ConsolePage page = get(kLink + token);
    BOOST_TEST(page.status == 200);
    BOOST_TEST(page.body.find("Welcome, Sam Staff") != std::string::npos);
    BOOST_TEST(page.body.find("Dr. Ada Lovelace as staff") != std::string::npos);
    BOOST_TEST(input_value(page.body, "token") == token);  // posted back in the body

    ConsolePage differ = accept(token, "staff password 1", "staff password 2");
    BOOST_TEST(differ.status == 422);
    BOOST_TEST(differ.body.find("The two passwords are not the same.") != std::string::npos);
    ConsolePage short_one = accept(token, "short", "short");
    BOOST_TEST(short_one.status == 422);
    BOOST_TEST(short_one.body.find("at least 10 characters") != std::string::npos);
    BOOST_TEST(!user_by_email("sam@clinic.example"));

    ConsolePage joined = accept(token, "staff password 1", "staff password 1");
    BOOST_TEST(joined.status == 302);
    BOOST_TEST(joined.location == "/console");
    BOOST_REQUIRE(!joined.set_cookie.empty());
    auto sam = user_by_email("sam@clinic.example");
    BOOST_REQUIRE(sam);
    BOOST_TEST((sam->role == pws::PracticeRole::staff));
    BOOST_TEST(sam->practice_id == practice.id);
    BOOST_TEST(sam->name == "Sam Staff");
    // Signed in as staff: Home works, no Settings or Users, both 404.
    ConsolePage home = get("/console", joined.set_cookie);
    BOOST_TEST(home.status == 200);
    BOOST_TEST(home.body.find("/console/settings") == std::string::npos);
    BOOST_TEST(home.body.find("/console/users") == std::string::npos);
    BOOST_TEST(get("/console/settings", joined.set_cookie).status == 404);
    BOOST_TEST(get("/console/users", joined.set_cookie).status == 404);

    // A second use, or the page opened again: "already used; sign in".
    ConsolePage again = accept(token, "other password 1", "other password 1");
    BOOST_TEST(again.status == 410);
    BOOST_TEST(again.body.find("This invitation was already used; sign in") != std::string::npos);
    BOOST_TEST(again.set_cookie.empty());
    BOOST_TEST(get(kLink + token).body.find("already used") != std::string::npos);
    BOOST_TEST(session_of("sam@clinic.example", "staff password 1").size() > 0u);  // the first password stands

    const std::string log = activity(owner_session);
    BOOST_TEST(log.find("Invited Sam Staff (sam@clinic.example) as staff") != std::string::npos);
    BOOST_TEST(log.find("Sam Staff accepted the invitation and joined as staff") != std::string::npos);
    BOOST_TEST(get("/console/users", owner_session).body.find("No pending invitations.") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_double_submit_of_the_invitation_makes_one_user) {
    const std::string token = invite("sam@clinic.example");
    // Four posts at once, each on its own connection: the invitation is used
    // in the user's own transaction, so exactly one wins.
    std::atomic<int> joined{0}, refused{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&] {
            auto own = server.client();
            pwhttp::Headers h{{"Origin", origin()}};
            auto r = own->Post("/console/invitation", h,
                               form_encode({{"token", token},
                                            {"password", "staff password 1"},
                                            {"confirm", "staff password 1"}}),
                               "application/x-www-form-urlencoded");
            if (r && r->status == 302) ++joined;
            if (r && r->status == 410) ++refused;
        });
    for (std::thread& t : threads) t.join();
    BOOST_TEST(joined.load() == 1);
    BOOST_TEST(refused.load() == 3);
    std::size_t users = 0;
    seed.store().read_transaction([&](pws::ReadTxn& t) -> pw::Error {
        users = t.practice_users(practice.id).value.size();
        return {};
    });
    BOOST_TEST(users == 2u);  // the owner and Sam, once
}

BOOST_AUTO_TEST_CASE(an_owner_can_be_invited_and_bad_or_taken_emails_are_refused) {
    const std::string token = invite("olive@clinic.example", "owner", "Olive Owner");
    ConsolePage joined = accept(token, "owner password 1", "owner password 1");
    BOOST_REQUIRE_EQUAL(joined.status, 302);
    BOOST_TEST(get("/console/settings", joined.set_cookie).status == 200);

    // An email of an existing user (any spelling, any practice): refused, clearly.
    const std::size_t mails = outbox_messages(dir.path().string()).size();
    ConsolePage taken =
        post("/console/users/invite", {{"name", "Ann"}, {"email", "ANN@clinic.example"}, {"role", "staff"}}, owner_session);
    BOOST_TEST(taken.status == 409);
    BOOST_TEST(taken.body.find("This email already belongs to a console user.") != std::string::npos);
    BOOST_TEST(taken.body.find("value=\"ANN@clinic.example\"") != std::string::npos);
    ConsolePage bad = post("/console/users/invite", {{"name", "X"}, {"email", "nope"}, {"role", "staff"}}, owner_session);
    BOOST_TEST(bad.status == 422);
    BOOST_TEST(bad.body.find("aria-invalid=\"true\"") != std::string::npos);
    BOOST_TEST(post("/console/users/invite", {{"name", "X"}, {"email", "x@clinic.example"}, {"role", "admin"}},
                    owner_session)
                   .status == 422);
    BOOST_TEST(outbox_messages(dir.path().string()).size() == mails);
}

BOOST_AUTO_TEST_CASE(a_new_invitation_or_a_revocation_ends_the_older_link) {
    const std::string first = invite("sam@clinic.example");
    const std::string second = invite("sam@clinic.example");
    BOOST_TEST(get(kLink + first).status == 410);
    BOOST_TEST(get(kLink + first).body.find("Ask the practice owner to invite you again.") != std::string::npos);
    BOOST_TEST(get(kLink + second).status == 200);
    BOOST_TEST(accept(first, "staff password 1", "staff password 1").status == 410);

    // Revoke the pending one from the Users page.
    const std::string page = get("/console/users", owner_session).body;
    const std::string marker = "/console/users/invitations/";
    const std::size_t at = page.find(marker);
    BOOST_REQUIRE(at != std::string::npos);
    const std::string id = page.substr(at + marker.size(), page.find('/', at + marker.size()) - at - marker.size());
    // Another practice's owner cannot.
    const std::string other = seed.practice("Dr. Other Practice");
    add_user(other, "olga@other.example", pws::PracticeRole::owner);
    BOOST_TEST(post(marker + id + "/revoke", {}, session_of("olga@other.example")).status == 404);
    BOOST_TEST(get(kLink + second).status == 200);
    ConsolePage revoked = post(marker + id + "/revoke", {}, owner_session);
    BOOST_TEST(revoked.status == 302);
    BOOST_TEST(revoked.location == "/console/users?revoked=1");
    BOOST_TEST(get(kLink + second).status == 410);
    BOOST_TEST(accept(second, "staff password 1", "staff password 1").status == 410);
    BOOST_TEST(!user_by_email("sam@clinic.example"));
    BOOST_TEST(post(marker + id + "/revoke", {}, owner_session).status == 404);  // no longer pending
    BOOST_TEST(activity(owner_session).find("Withdrew the invitation of sam@clinic.example") != std::string::npos);
    // A made-up or missing token: the same page.
    BOOST_TEST(get(kLink + "made-up").status == 410);
    BOOST_TEST(get("/console/invitation").status == 410);
    BOOST_TEST(accept(std::string(5000, 'a'), "staff password 1", "staff password 1").status == 410);
}

BOOST_AUTO_TEST_CASE(the_owner_disables_a_staff_user_whose_sessions_end) {
    const std::string sam_id = add_user(practice.id, "sam@clinic.example", pws::PracticeRole::staff);
    const std::string sam = session_of("sam@clinic.example");
    BOOST_TEST(get("/console", sam).status == 200);
    // Another practice's owner: 404, and Sam is untouched.
    const std::string other = seed.practice("Dr. Other Practice");
    add_user(other, "olga@other.example", pws::PracticeRole::owner);
    BOOST_TEST(post("/console/users/" + sam_id + "/disable", {}, session_of("olga@other.example")).status == 404);
    BOOST_TEST(get("/console", sam).status == 200);
    // Staff cannot disable anyone.
    add_user(practice.id, "tom@clinic.example", pws::PracticeRole::staff);
    BOOST_TEST(post("/console/users/" + sam_id + "/disable", {}, session_of("tom@clinic.example")).status == 404);

    ConsolePage done = post("/console/users/" + sam_id + "/disable", {}, owner_session);
    BOOST_TEST(done.status == 302);
    BOOST_TEST(done.location == "/console/users?disabled=1");
    BOOST_TEST(get("/console", sam).status == 302);  // signed out
    BOOST_TEST(sign_in("sam@clinic.example").status == 401);
    BOOST_TEST(get("/console/users", owner_session).body.find("Disabled on ") != std::string::npos);
    BOOST_TEST(activity(owner_session).find("Disabled sam (sam@clinic.example)") != std::string::npos);
    // An owner is not disabled from here.
    const std::string ann_id = user_by_email("ann@clinic.example")->id;
    BOOST_TEST(post("/console/users/" + ann_id + "/disable", {}, owner_session).status == 409);
}

BOOST_AUTO_TEST_CASE(staff_cannot_see_users_or_invite) {
    add_user(practice.id, "sam@clinic.example", pws::PracticeRole::staff);
    const std::string sam = session_of("sam@clinic.example");
    const std::size_t mails = outbox_messages(dir.path().string()).size();
    BOOST_TEST(get("/console/users", sam).status == 404);
    BOOST_TEST(post("/console/users/invite", {{"name", "Eve"}, {"email", "eve@evil.example"}, {"role", "owner"}}, sam)
                   .status == 404);
    BOOST_TEST(outbox_messages(dir.path().string()).size() == mails);
    BOOST_TEST(get("/console/users", owner_session).body.find("eve@evil.example") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_users_form_without_this_hosts_origin_is_refused) {
    const std::string sam_id = add_user(practice.id, "sam@clinic.example", pws::PracticeRole::staff);
    const std::string token = invite("tom@clinic.example");
    const std::string page = get("/console/users", owner_session).body;
    const std::string marker = "/console/users/invitations/";
    const std::size_t at = page.find(marker);
    BOOST_REQUIRE(at != std::string::npos);
    const std::string revoke = page.substr(at, page.find('"', at) - at);  // ".../<id>/revoke"
    const std::size_t mails = outbox_messages(dir.path().string()).size();
    const std::vector<std::pair<std::string, FormFields>> forms = {
        {revoke, {}},
        {"/console/users/invite", {{"name", "Eve"}, {"email", "eve@evil.example"}, {"role", "owner"}}},
        {"/console/users/" + sam_id + "/disable", {}},
        {"/console/invitation", {{"token", token}, {"password", "evil password 1"}, {"confirm", "evil password 1"}}},
    };
    for (const std::string& from : {std::string(), std::string("https://evil.example"), std::string("null")})
        for (const auto& [path, fields] : forms) {
            ConsolePage p = post(path, fields, owner_session, from);
            BOOST_TEST(p.status == 403, path << " from '" << from << "'");
            BOOST_TEST(p.set_cookie.empty());
        }
    BOOST_TEST(outbox_messages(dir.path().string()).size() == mails);
    BOOST_TEST(!user_by_email("tom@clinic.example"));  // the invitation is unused
    BOOST_TEST(get(kLink + token).status == 200);
    BOOST_TEST(sign_in("sam@clinic.example").status == 302);  // not disabled
}

BOOST_AUTO_TEST_CASE(sign_ins_and_sign_outs_are_in_activity_and_failures_are_not) {
    add_user(practice.id, "sam@clinic.example", pws::PracticeRole::staff);
    BOOST_TEST(sign_in("sam@clinic.example", "wrong password!").status == 401);
    const std::string sam = session_of("sam@clinic.example");
    BOOST_TEST(post("/console/logout", {}, sam).status == 302);
    const std::string log = activity(owner_session);
    const std::size_t out_at = log.find("<td>sam</td><td>Signed out</td>");
    const std::size_t in_at = log.find("<td>sam</td><td>Signed in</td>");
    BOOST_TEST(out_at != std::string::npos, log);
    BOOST_TEST(in_at != std::string::npos);
    BOOST_TEST(out_at < in_at);  // newest first
    BOOST_TEST(log.find("<td>ann</td><td>Signed in</td>") != std::string::npos);
    // One sign-in for sam: the failed attempt is not logged.
    BOOST_TEST(log.find("<td>sam</td><td>Signed in</td>", in_at + 1) == std::string::npos);
    // Signing out without a session logs nothing.
    BOOST_TEST(post("/console/logout", {}).status == 302);
    BOOST_TEST(activity(owner_session).find("Signed out", out_at + 20) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_api_key_form_posted_again_creates_nothing) {
    const std::string page = get("/console/api-keys", owner_session).body;
    const std::string nonce = input_value(page, "form_nonce");
    BOOST_REQUIRE(nonce.size() >= 40u);
    BOOST_TEST(input_value(get("/console/api-keys", owner_session).body, "form_nonce") != nonce);  // one per page
    const std::size_t before = key_count();
    ConsolePage made = post("/console/api-keys", {{"form_nonce", nonce}, {"name", "Bookkeeping"}}, owner_session);
    BOOST_TEST(made.status == 201);
    BOOST_TEST(made.body.find("aria-label=\"New API key\"") != std::string::npos);
    // The reload: same form, same nonce. Nothing new, no key shown.
    ConsolePage reload = post("/console/api-keys", {{"form_nonce", nonce}, {"name", "Bookkeeping"}}, owner_session);
    BOOST_TEST(reload.status == 409);
    BOOST_TEST(reload.body.find("This key was already created; it was shown once.") != std::string::npos);
    BOOST_TEST(reload.body.find("aria-label=\"New API key\"") == std::string::npos);
    BOOST_TEST(key_count() == before + 1);
    // Without a nonce (an old page): refused, nothing made.
    BOOST_TEST(post("/console/api-keys", {{"name", "No nonce"}}, owner_session).status == 422);
    BOOST_TEST(post("/console/api-keys", {{"name", "Long"}, {"form_nonce", std::string(65, 'n')}}, owner_session)
                   .status == 422);
    BOOST_TEST(key_count() == before + 1);
    // A fresh page's nonce makes the next key.
    const std::string next = input_value(get("/console/api-keys", owner_session).body, "form_nonce");
    BOOST_TEST(post("/console/api-keys", {{"form_nonce", next}, {"name", "Second"}}, owner_session).status == 201);
    BOOST_TEST(key_count() == before + 2);
}

BOOST_AUTO_TEST_SUITE_END()
