#define BOOST_TEST_MODULE api_portal
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <functional>
#include <set>

#include "admin_api.hpp"
#include "security/password.hpp"
#include "api_steps.hpp"

using namespace pws_test;

namespace {

const std::string kPassword = "portal secret 1";

// A server per test case: login and reset limits count per address, and
// every request here comes from 127.0.0.1.
struct Fixture : AdminServer {
    Fixture() : AdminServer(/*allow_card_removal=*/false) { BOOST_REQUIRE(started); }
    std::string portal_client(const std::string& mail) { return create_client(*c, practice.key, mail, kPassword); }
    std::string signed_in(const std::string& mail, const std::string& password = kPassword) {
        return session_cookie(login(*c, mail, password));
    }
    // Every one-time token in the outbox's links "<page>#token=..." to `to`.
    std::set<std::string> outbox_tokens(const std::string& to, const std::string& page) {
        std::set<std::string> out;
        const std::string marker = page + "#token=";
        for (const std::string& m : outbox_messages(dir.path().string())) {
            if (m.find(to) == std::string::npos) continue;
            for (std::size_t at = m.find(marker); at != std::string::npos; at = m.find(marker, at + 1)) {
                std::size_t end = at + marker.size();
                while (end < m.size() && (std::isalnum(static_cast<unsigned char>(m[end])) || m[end] == '-' || m[end] == '_')) ++end;
                out.insert(m.substr(at + marker.size(), end - at - marker.size()));
            }
        }
        return out;
    }
    // Invites the client (202) and returns the token of the email it sent.
    std::string invite(const std::string& client_id, const std::string& mail) {
        const std::set<std::string> before = outbox_tokens(mail, "/portal/invite");
        Reply r = admin_post(*c, practice.key, "/api/v1/admin/clients/" + client_id + "/invite", json::object());
        BOOST_TEST(r.status == 202);
        BOOST_TEST(r.body["sent_to"] == mail);
        BOOST_TEST(r.body.dump().find("token") == std::string::npos);  // the link goes by email only
        std::string fresh;
        for (const std::string& t : outbox_tokens(mail, "/portal/invite"))
            if (!before.count(t)) fresh = t;
        BOOST_TEST(fresh.size() >= 22u);
        return fresh;
    }
    Reply accept(const std::string& token, const std::string& password) {
        return to_reply(c->Post("/api/v1/invitations/accept", json{{"token", token}, {"password", password}}.dump(),
                                "application/json"));
    }
    // Pays `amount` on the invoice from the portal session with a new card.
    Reply pay_in_portal(const std::string& session, const std::string& invoice_id, std::int64_t amount) {
        Reply tok = session_post(*c, session, "/api/v1/tokens", card_body("4242424242424242"));
        if (tok.status != 201) return tok;
        return session_post(*c, session, "/api/v1/invoices/" + invoice_id + "/payments",
                            pay_body(amount, tok.body["token"].get<std::string>()), new_key());
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(portal, Fixture)

BOOST_AUTO_TEST_CASE(login_sets_a_strict_http_only_cookie) {
    const std::string mail = unique_email("login");
    BOOST_REQUIRE(!portal_client(mail).empty());
    Reply r = login(*c, mail, kPassword);
    BOOST_REQUIRE(r.status == 200);
    BOOST_TEST(r.body["client"]["email"] == mail);
    BOOST_TEST(r.body["client"]["portal_activated"] == true);
    const std::string header = set_cookie_header(r);
    BOOST_TEST(header.find("pw_session=") == 0u);
    BOOST_TEST(header.find("HttpOnly") != std::string::npos);
    BOOST_TEST(header.find("SameSite=Strict") != std::string::npos);
    BOOST_TEST(header.find("Path=/") != std::string::npos);
    BOOST_TEST(header.find("Secure") == std::string::npos);  // plain http here
    const std::string session = session_cookie(r);
    BOOST_TEST(session.size() >= 22u);
    BOOST_TEST(session_get(*c, session, "/api/v1/me/invoices").status == 200);
    // Emails compare case-insensitively.
    BOOST_TEST(login(*c, "LOGIN" + mail.substr(5), kPassword).status == 200);
}

BOOST_AUTO_TEST_CASE(same_email_at_two_practices_signs_into_the_matching_account) {
    AdminPractice second = make_admin_practice(seed, "Dr. Second Practice");
    const std::string mail = unique_email("twice");
    const std::string first_id = portal_client(mail);
    const std::string second_id = create_client(*c, second.key, mail, "second practice pw");
    BOOST_REQUIRE(!first_id.empty());
    BOOST_REQUIRE(!second_id.empty());
    Reply a = login(*c, mail, kPassword);
    BOOST_TEST(a.status == 200);
    BOOST_TEST(a.body["client"]["id"] == first_id);
    Reply b = login(*c, mail, "second practice pw");
    BOOST_TEST(b.status == 200);
    BOOST_TEST(b.body["client"]["id"] == second_id);
    // Each session sees its own practice's invoices only.
    const std::string inv = create_invoice(*c, second.key, second_id);
    Reply mine = session_get(*c, session_cookie(b), "/api/v1/me/invoices");
    BOOST_REQUIRE(mine.body["invoices"].size() == 1u);
    BOOST_TEST(mine.body["invoices"][0]["id"] == inv);
    BOOST_TEST(session_get(*c, session_cookie(a), "/api/v1/me/invoices").body["invoices"].empty());
}

BOOST_AUTO_TEST_CASE(bad_credentials_get_one_answer_and_no_cookie) {
    const std::string mail = unique_email("bad");
    portal_client(mail);
    Reply wrong = login(*c, mail, "wrong password");
    BOOST_TEST(wrong.status == 401);
    BOOST_TEST(wrong.error_code() == "invalid_credentials");
    BOOST_TEST(set_cookie_header(wrong).empty());
    Reply unknown = login(*c, unique_email("nobody"), kPassword);
    BOOST_TEST(unknown.status == 401);
    BOOST_TEST(unknown.body == wrong.body);
    // A client without a portal account cannot sign in either.
    const std::string plain = unique_email("plain");
    create_client(*c, practice.key, plain);
    BOOST_TEST(login(*c, plain, "any password 1").status == 401);
    Reply bad_shape = to_reply(c->Post("/api/v1/session", json{{"email", mail}}.dump(), "application/json"));
    BOOST_TEST(bad_shape.status == 422);
    BOOST_TEST(bad_shape.error_field() == "password");
    BOOST_TEST(session_get(*c, "forged-session-value", "/api/v1/me/invoices").status == 401);
    BOOST_TEST(to_reply(c->Get("/api/v1/me/payments")).error_code() == "unauthorized");
}

BOOST_AUTO_TEST_CASE(login_attempts_are_rate_limited_per_email) {
    const std::string mail = unique_email("limit");
    portal_client(mail);
    int refused_at = 0;
    Reply last;
    for (int i = 1; i <= 8 && refused_at == 0; ++i) {
        last = login(*c, mail, "guess number " + std::to_string(i));
        if (last.status == 429) refused_at = i;
        else BOOST_TEST(last.status == 401);
    }
    BOOST_TEST(refused_at > 1);
    BOOST_REQUIRE(last.status == 429);
    BOOST_TEST(last.error_code() == "rate_limited");
    BOOST_TEST(last.body["error"]["retry_after"].get<int>() >= 1);
    BOOST_TEST(last.headers.count("Retry-After") == 1u);
    // Even the right password waits now: guessing stops.
    BOOST_TEST(login(*c, mail, kPassword).status == 429);
}

BOOST_AUTO_TEST_CASE(logout_ends_the_session) {
    const std::string mail = unique_email("logout");
    portal_client(mail);
    const std::string session = signed_in(mail);
    BOOST_REQUIRE(!session.empty());
    Reply out = to_reply(c->Delete("/api/v1/session", cookie(session)));
    BOOST_TEST(out.status == 204);
    BOOST_TEST(set_cookie_header(out).find("Max-Age=0") != std::string::npos);
    BOOST_TEST(session_get(*c, session, "/api/v1/me/invoices").status == 401);
    BOOST_TEST(to_reply(c->Delete("/api/v1/session")).status == 401);
}

BOOST_AUTO_TEST_CASE(invoices_history_and_pending_filter) {
    const std::string mail = unique_email("inv");
    const std::string cl = portal_client(mail);
    const std::string open_inv = create_invoice(*c, practice.key, cl, 10000);
    const std::string paid_inv = create_invoice(*c, practice.key, cl, 5000);
    const std::string session = signed_in(mail);
    Reply paid = pay_in_portal(session, paid_inv, 5000);
    BOOST_REQUIRE(paid.status == 200);
    BOOST_REQUIRE(paid.body["payment"]["status"] == "succeeded");

    Reply all = session_get(*c, session, "/api/v1/me/invoices");
    BOOST_REQUIRE(all.status == 200);
    BOOST_TEST(all.body["invoices"].size() == 2u);
    Reply pending = session_get(*c, session, "/api/v1/me/invoices?status=pending");
    BOOST_REQUIRE(pending.status == 200);
    BOOST_REQUIRE(pending.body["invoices"].size() == 1u);
    BOOST_TEST(pending.body["invoices"][0]["id"] == open_inv);
    BOOST_TEST(pending.body["invoices"][0]["balance"] == 10000);
    BOOST_TEST(pending.body["invoices"][0]["practitioner_name"] == "Dr. Ada Lovelace");
    BOOST_TEST(session_get(*c, session, "/api/v1/me/invoices?status=bogus").error_field() == "status");

    Reply history = session_get(*c, session, "/api/v1/me/payments");
    BOOST_REQUIRE(history.status == 200);
    BOOST_REQUIRE(history.body["payments"].size() == 1u);
    const json& entry = history.body["payments"][0];
    BOOST_TEST(entry["payment"]["invoice_id"] == paid_inv);
    BOOST_TEST(entry["payment"]["amount"] == 5000);
    BOOST_TEST(entry["payment"]["method"]["last4"] == "4242");
    BOOST_TEST(entry["receipt_url"] == "/api/v1/receipts/" + paid.body["payment"]["id"].get<std::string>());

    // A refund shows in the history.
    Reply refund = admin_post(*c, practice.key, "/api/v1/admin/payments/" + entry["payment"]["id"].get<std::string>() +
                                                    "/refunds", {{"amount", 1200}}, new_key());
    BOOST_REQUIRE(refund.status == 201);
    history = session_get(*c, session, "/api/v1/me/payments");
    BOOST_TEST(history.body["payments"][0]["payment"]["refunded"] == 1200);
}

BOOST_AUTO_TEST_CASE(invoice_view_is_portal_and_only_the_clients_own) {
    const std::string mail = unique_email("view");
    const std::string cl = portal_client(mail);
    const std::string inv = create_invoice(*c, practice.key, cl, 10000);
    const std::string pm = seed.saved_card(practice.id, cl);
    const std::string other_cl = portal_client(unique_email("other"));
    const std::string other_inv = create_invoice(*c, practice.key, other_cl, 10000);
    const std::string session = signed_in(mail);
    Reply view = session_get(*c, session, "/api/v1/me/invoices/" + inv);
    BOOST_REQUIRE(view.status == 200);
    BOOST_TEST(view.body["session"] == "portal");
    BOOST_TEST(view.body["invoice"]["id"] == inv);
    BOOST_REQUIRE(view.body["saved_methods"].size() == 1u);
    BOOST_TEST(view.body["saved_methods"][0]["id"] == pm);
    BOOST_TEST(view.body["options"]["minimum"] == 2500);
    Reply foreign = session_get(*c, session, "/api/v1/me/invoices/" + other_inv);
    BOOST_TEST(foreign.status == 404);
    BOOST_TEST(foreign.error_code() == "not_found");
}

// A widget framed on another practice's site (Paywidget-Embed-Practice,
// auth/embed_practice.hpp) does not act for this practice's signed-in client.
BOOST_AUTO_TEST_CASE(a_session_is_not_used_by_a_widget_framed_for_another_practice) {
    const std::string mail = unique_email("framed");
    const std::string cl = portal_client(mail);
    const std::string inv = create_invoice(*c, practice.key, cl, 10000);
    const std::string session = signed_in(mail);
    AdminPractice other = make_admin_practice(seed, "Dr. Other Practice");
    auto framed_get = [&](const std::string& framing) {
        pwhttp::Headers h = cookie(session);
        h.emplace("Paywidget-Embed-Practice", framing);
        return to_reply(c->Get("/api/v1/me/invoices/" + inv, h));
    };
    BOOST_TEST(framed_get(practice.id).status == 200);
    Reply foreign = framed_get(other.id);
    BOOST_TEST(foreign.status == 401);
    BOOST_TEST(foreign.error_code() == "unauthorized");
    pwhttp::Headers h = cookie(session);
    h.emplace("Paywidget-Embed-Practice", other.id);
    BOOST_TEST(to_reply(c->Post("/api/v1/tokens", h, card_body("4242424242424242").dump(), "application/json")).status ==
               401);
}

BOOST_AUTO_TEST_CASE(saved_card_removal_follows_the_practice_setting) {
    const std::string mail = unique_email("cards");
    const std::string cl = portal_client(mail);
    const std::string pm = seed.saved_card(practice.id, cl);
    const std::string session = signed_in(mail);
    Reply list = session_get(*c, session, "/api/v1/me/payment-methods");
    BOOST_REQUIRE(list.status == 200);
    BOOST_TEST(list.body["removal_allowed"] == false);
    BOOST_REQUIRE(list.body["payment_methods"].size() == 1u);
    BOOST_TEST(list.body["payment_methods"][0]["last4"] == "4444");
    BOOST_TEST(list.body["payment_methods"][0]["brand"] == "mastercard");

    Reply refused = to_reply(c->Delete(("/api/v1/me/payment-methods/" + pm).c_str(), cookie(session)));
    BOOST_TEST(refused.status == 403);
    BOOST_TEST(refused.error_code() == "removal_disabled");
    BOOST_TEST(session_get(*c, session, "/api/v1/me/payment-methods").body["payment_methods"].size() == 1u);

    BOOST_REQUIRE(admin_put(*c, practice.key, "/api/v1/admin/settings",
                            {{"allow_saved_method_removal", true}, {"settlement_currency", "USD"},
                             {"embed_origins", json::array()}})
                      .status == 200);
    BOOST_TEST(session_get(*c, session, "/api/v1/me/payment-methods").body["removal_allowed"] == true);
    // Another client's card id is not found, not removed.
    const std::string other_pm = seed.saved_card(practice.id, portal_client(unique_email("o")));
    BOOST_TEST(to_reply(c->Delete(("/api/v1/me/payment-methods/" + other_pm).c_str(), cookie(session))).status == 404);
    BOOST_TEST(to_reply(c->Delete(("/api/v1/me/payment-methods/" + pm).c_str(), cookie(session))).status == 204);
    BOOST_TEST(session_get(*c, session, "/api/v1/me/payment-methods").body["payment_methods"].empty());
    BOOST_TEST(to_reply(c->Delete(("/api/v1/me/payment-methods/" + pm).c_str(), cookie(session))).status == 404);
}

BOOST_AUTO_TEST_CASE(invitation_activates_the_account_once) {
    const std::string mail = unique_email("invite");
    const std::string cl = create_client(*c, practice.key, mail);
    const auto [inv, link] = invoice_with_link(*c, practice.key, cl);
    BOOST_TEST(get_link(*c, link).status == 200);  // not activated yet: the link pays
    BOOST_TEST(login(*c, mail, "a long passphrase").status == 401);

    const std::string token = invite(cl, mail);
    BOOST_REQUIRE(!token.empty());
    // An invitation token does not complete a password reset (and is not used up by trying).
    Reply wrong_flow = to_reply(c->Post("/api/v1/password-resets/complete",
                                        json{{"token", token}, {"password", "a long passphrase"}}.dump(), "application/json"));
    BOOST_TEST(wrong_flow.status == 410);
    BOOST_TEST(wrong_flow.error_code() == "invitation_invalid");
    Reply short_pw = to_reply(c->Post("/api/v1/invitations/accept", json{{"token", token}, {"password", "short"}}.dump(),
                                      "application/json"));
    BOOST_TEST(short_pw.status == 422);
    BOOST_TEST(short_pw.error_code() == "password_too_short");
    Reply accepted = to_reply(c->Post("/api/v1/invitations/accept",
                                      json{{"token", token}, {"password", "a long passphrase"}}.dump(), "application/json"));
    BOOST_REQUIRE(accepted.status == 200);
    BOOST_TEST(accepted.body["client"]["portal_activated"] == true);
    BOOST_TEST(!session_cookie(accepted).empty());
    BOOST_TEST(session_get(*c, session_cookie(accepted), "/api/v1/me/invoices").status == 200);
    Reply reused = to_reply(c->Post("/api/v1/invitations/accept",
                                    json{{"token", token}, {"password", "another passphrase"}}.dump(), "application/json"));
    BOOST_TEST(reused.status == 410);
    BOOST_TEST(reused.error_code() == "invitation_invalid");
    Reply forged = to_reply(c->Post("/api/v1/invitations/accept",
                                    json{{"token", "AAAAAAAAAAAAAAAAAAAAAA"}, {"password", "a long passphrase"}}.dump(),
                                    "application/json"));
    BOOST_TEST(forged.error_code() == "invitation_invalid");

    BOOST_TEST(login(*c, mail, "a long passphrase").status == 200);
    // Activated now: the email link alone may no longer pay.
    Reply gated = get_link(*c, link);
    BOOST_TEST(gated.status == 403);
    BOOST_TEST(gated.error_code() == "login_required");
}

BOOST_AUTO_TEST_CASE(password_reset_flow) {
    const std::string mail = unique_email("reset");
    portal_client(mail);
    const std::string old_session = signed_in(mail);
    BOOST_REQUIRE(!old_session.empty());
    const std::size_t before = outbox_messages(dir.path().string()).size();

    Reply unknown = to_reply(c->Post("/api/v1/password-resets", json{{"email", unique_email("nobody")}}.dump(), "application/json"));
    BOOST_TEST(unknown.status == 202);
    BOOST_TEST(outbox_messages(dir.path().string()).size() == before);

    Reply known = to_reply(c->Post("/api/v1/password-resets", json{{"email", mail}}.dump(), "application/json"));
    BOOST_TEST(known.status == 202);
    BOOST_TEST(known.body == unknown.body);
    BOOST_REQUIRE(outbox_messages(dir.path().string()).size() == before + 1);
    const std::set<std::string> tokens = outbox_tokens(mail, "/portal/reset");
    BOOST_REQUIRE(tokens.size() == 1u);
    const std::string token = *tokens.begin();
    BOOST_REQUIRE(token.size() >= 22u);

    Reply done = to_reply(c->Post("/api/v1/password-resets/complete",
                                  json{{"token", token}, {"password", "my new passphrase"}}.dump(), "application/json"));
    BOOST_REQUIRE(done.status == 200);
    BOOST_TEST(!session_cookie(done).empty());
    // Other sessions end; the old password stops working.
    BOOST_TEST(session_get(*c, old_session, "/api/v1/me/invoices").status == 401);
    BOOST_TEST(login(*c, mail, kPassword).status == 401);
    BOOST_TEST(login(*c, mail, "my new passphrase").status == 200);
    Reply again = to_reply(c->Post("/api/v1/password-resets/complete",
                                   json{{"token", token}, {"password", "third passphrase"}}.dump(), "application/json"));
    BOOST_TEST(again.error_code() == "invitation_invalid");
}

BOOST_AUTO_TEST_CASE(an_active_account_cannot_be_invited_again) {
    const std::string mail = unique_email("active");
    const std::string cl = portal_client(mail);
    const std::size_t before = outbox_messages(dir.path().string()).size();
    Reply r = admin_post(*c, practice.key, "/api/v1/admin/clients/" + cl + "/invite", json::object());
    BOOST_TEST(r.status == 409);
    BOOST_TEST(r.error_code() == "portal_already_active");
    BOOST_TEST(outbox_messages(dir.path().string()).size() == before);  // no email either
    BOOST_TEST(login(*c, mail, kPassword).status == 200);  // the password is unchanged
}

BOOST_AUTO_TEST_CASE(a_new_invitation_voids_the_older_one) {
    const std::string mail = unique_email("reinvite");
    const std::string cl = create_client(*c, practice.key, mail);
    const std::string first = invite(cl, mail);
    const std::string second = invite(cl, mail);
    BOOST_REQUIRE(!first.empty());
    BOOST_REQUIRE(!second.empty());
    BOOST_TEST(first != second);
    BOOST_TEST(accept(first, "a long passphrase").error_code() == "invitation_invalid");
    BOOST_TEST(accept(second, "a long passphrase").status == 200);
}

BOOST_AUTO_TEST_CASE(setting_a_password_ends_every_session_and_voids_every_pending_link) {
    const std::string mail = unique_email("revoke");
    portal_client(mail);
    const std::string session_a = signed_in(mail);
    const std::string session_b = signed_in(mail);
    BOOST_REQUIRE(!session_a.empty());
    // Two reset emails (for instance one requested by someone else); the
    // newest one is used, the older one must die with the password change.
    BOOST_REQUIRE(to_reply(c->Post("/api/v1/password-resets", json{{"email", mail}}.dump(), "application/json")).status == 202);
    const std::set<std::string> first = outbox_tokens(mail, "/portal/reset");
    BOOST_REQUIRE(first.size() == 1u);
    BOOST_REQUIRE(to_reply(c->Post("/api/v1/password-resets", json{{"email", mail}}.dump(), "application/json")).status == 202);
    std::set<std::string> both = outbox_tokens(mail, "/portal/reset");
    BOOST_REQUIRE(both.size() == 2u);
    both.erase(*first.begin());
    const std::string newest = *both.begin();
    Reply done = to_reply(c->Post("/api/v1/password-resets/complete",
                                  json{{"token", newest}, {"password", "my new passphrase"}}.dump(), "application/json"));
    BOOST_REQUIRE(done.status == 200);
    BOOST_TEST(session_get(*c, session_a, "/api/v1/me/invoices").status == 401);
    BOOST_TEST(session_get(*c, session_b, "/api/v1/me/invoices").status == 401);
    BOOST_TEST(session_get(*c, session_cookie(done), "/api/v1/me/invoices").status == 200);
    Reply old_link = to_reply(c->Post("/api/v1/password-resets/complete",
                                      json{{"token", *first.begin()}, {"password", "attacker passphrase"}}.dump(),
                                      "application/json"));
    BOOST_TEST(old_link.error_code() == "invitation_invalid");
    BOOST_TEST(login(*c, mail, "my new passphrase").status == 200);
}

BOOST_AUTO_TEST_CASE(setting_a_password_is_rate_limited_per_address) {
    int refused = 0;
    for (int i = 0; i < 12; ++i) {
        // Both endpoints count together.
        const char* path = i % 2 == 0 ? "/api/v1/invitations/accept" : "/api/v1/password-resets/complete";
        Reply r = to_reply(c->Post(path, json{{"token", pws::random_token()}, {"password", "a long passphrase"}}.dump(),
                                   "application/json"));
        if (r.status == 429) {
            ++refused;
            BOOST_TEST(r.error_code() == "rate_limited");
        } else {
            BOOST_TEST(r.error_code() == "invitation_invalid");
        }
    }
    BOOST_TEST(refused == 2);  // 10 per 15 minutes
}

// Without --test-mode passwords cost a 64 MiB Argon2id hash: a wrong token
// must be refused without paying it.
BOOST_AUTO_TEST_CASE(a_wrong_token_is_refused_before_the_password_is_hashed) {
    TempDir d2;
    ServerProcess prod(d2.path().string());
    prod.set_test_mode(false);
    BOOST_REQUIRE(prod.start());
    auto cc = prod.client();
    using clock = std::chrono::steady_clock;
    auto fastest = [](int n, const std::function<void()>& f) {
        auto best = clock::duration::max();
        for (int i = 0; i < n; ++i) {
            const auto t0 = clock::now();
            f();
            best = std::min(best, clock::now() - t0);
        }
        return best;
    };
    const auto hash = fastest(2, [] { (void)pws::hash_password("a long passphrase", pws::PasswordCost::interactive()); });
    const auto refusal = fastest(4, [&] {
        Reply r = to_reply(cc->Post("/api/v1/invitations/accept",
                                    json{{"token", pws::random_token()}, {"password", "a long passphrase"}}.dump(),
                                    "application/json"));
        BOOST_TEST(r.error_code() == "invitation_invalid");
    });
    BOOST_TEST(refusal < hash / 2);
}

BOOST_AUTO_TEST_CASE(a_login_upgrades_a_hash_made_at_a_lower_cost) {
    TempDir d2;
    Seeder s2(d2.path().string());
    AdminPractice p2 = make_admin_practice(s2);
    const std::string mail = unique_email("rehash");
    std::string id;
    {
        ServerProcess test_cost(d2.path().string());  // --test-mode: the minimum cost
        BOOST_REQUIRE(test_cost.start());
        id = create_client(*test_cost.client(), p2.key, mail, kPassword);
    }
    BOOST_REQUIRE(!id.empty());
    auto stored_hash = [&] {
        std::string h;
        s2.store().read_transaction([&](pws::ReadTxn& t) -> pw::Error {
            auto cl = t.client(id);
            if (cl.ok() && cl.value.password_hash) h = *cl.value.password_hash;
            return {};
        });
        return h;
    };
    const std::string weak = stored_hash();
    BOOST_REQUIRE(pws::password_cost_below(weak, pws::PasswordCost::interactive()));
    ServerProcess prod(d2.path().string());
    prod.set_test_mode(false);
    BOOST_REQUIRE(prod.start());
    auto cc = prod.client();
    BOOST_TEST(login(*cc, mail, "wrong password 1").status == 401);
    BOOST_TEST(stored_hash() == weak);  // a failed login changes nothing
    BOOST_TEST(login(*cc, mail, kPassword).status == 200);
    const std::string upgraded = stored_hash();
    BOOST_TEST(upgraded != weak);
    BOOST_TEST(!pws::password_needs_rehash(upgraded, pws::PasswordCost::interactive()));
    BOOST_TEST(login(*cc, mail, kPassword).status == 200);  // the same password still works
}

BOOST_AUTO_TEST_CASE(password_reset_requests_are_rate_limited) {
    int refused = 0;
    for (int i = 0; i < 7; ++i) {
        Reply r = to_reply(c->Post("/api/v1/password-resets", json{{"email", unique_email("rl")}}.dump(), "application/json"));
        if (r.status == 429) {
            ++refused;
            BOOST_TEST(r.error_code() == "rate_limited");
        } else {
            BOOST_TEST(r.status == 202);
        }
    }
    BOOST_TEST(refused >= 1);
}

BOOST_AUTO_TEST_CASE(activated_clients_link_requires_login) {
    const std::string cl = portal_client(unique_email("gated"));
    const auto [inv, link] = invoice_with_link(*c, practice.key, cl);
    Reply r = get_link(*c, link);
    BOOST_TEST(r.status == 403);
    BOOST_TEST(r.error_code() == "login_required");
    const std::string login_url = r.body["error"]["login_url"].get<std::string>();
    BOOST_TEST(login_url.find("/portal/login") == 0u);
    BOOST_TEST(login_url.find(link) == std::string::npos);
    BOOST_TEST(login_url.find(inv) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(session_cookie_is_secure_under_https_public_url) {
    TempDir d2;
    Seeder s2(d2.path().string());
    AdminPractice p2 = make_admin_practice(s2);
    ServerProcess tls(d2.path().string(), {"--public-url", "https://pay.example"});
    BOOST_REQUIRE(tls.start());
    auto cc = tls.client();
    const std::string mail = unique_email("secure");
    BOOST_REQUIRE(!create_client(*cc, p2.key, mail, kPassword).empty());
    Reply r = login(*cc, mail, kPassword);
    BOOST_REQUIRE(r.status == 200);
    BOOST_TEST(set_cookie_header(r).find("; Secure") != std::string::npos);
    Reply link = admin_post(*cc, p2.key, "/api/v1/admin/invoices/" + create_invoice(*cc, p2.key, create_client(*cc, p2.key, unique_email("x"))) + "/links", json::object());
    BOOST_TEST(link.body["url"].get<std::string>().find("https://pay.example/pay/") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
