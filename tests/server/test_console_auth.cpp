// The practitioner console's sign-in and authorization, against the real
// server binary: the owner CLI, session cookies (fixation, logout), the
// Origin check on every form post, roles (staff never reach Settings or API
// keys), tenants (another practice's key is a 404), the login rate limit,
// and the activity written with each change.
#define BOOST_TEST_MODULE console_auth
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>

#include "console_forms.hpp"

using namespace pws_test;

namespace {

const std::string& kPassword = kConsolePassword;
using Page = ConsolePage;

struct Fixture : ConsoleServer {
    json settings() { return admin_get(*c, practice.key, "/api/v1/admin/settings").body; }
    std::size_t key_count(const std::string& practice_id) {
        std::size_t n = 0;
        seed.store().read_transaction([&](pws::ReadTxn& t) -> pw::Error {
            n = t.admin_keys(practice_id).value.size();
            return {};
        });
        return n;
    }
    std::string first_key_id() {
        return admin_get(*c, practice.key, "/api/v1/admin/keys").body["keys"][0]["id"].get<std::string>();
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(console_auth, Fixture)

BOOST_AUTO_TEST_CASE(the_cli_creates_the_owner_who_can_sign_in) {
    const std::string pw_file = dir.path().string() + "/password.txt";
    std::ofstream(pw_file) << "owner password 1\n";
    const std::string common = " --db " + dir.path().string() + "/paywidget.db --secret-file " +
                               dir.path().string() + "/server-secret";
    // The password is read from stdin, never from the command line.
    auto [rc, out] = run_server_command("practitioner create --practice " + practice.id +
                                        " --email owner@clinic.example --name 'Ada Owner'" + common + " < " + pw_file);
    BOOST_TEST(rc == 0, out);
    BOOST_TEST(out.find("role: owner") != std::string::npos, out);
    BOOST_TEST(out.find("owner password") == std::string::npos);
    // A second user with the same email (any practice) is refused.
    auto [rc2, out2] = run_server_command("practitioner create --practice " + practice.id +
                                          " --email OWNER@clinic.example --name Again" + common + " < " + pw_file);
    BOOST_TEST(rc2 == 1);
    BOOST_TEST(out2.find("already_exists") != std::string::npos, out2);
    // A short password is refused by the core's rule.
    std::ofstream(pw_file) << "short\n";
    auto [rc3, out3] = run_server_command("practitioner create --practice " + practice.id +
                                          " --email other@clinic.example --name Other" + common + " < " + pw_file);
    BOOST_TEST(rc3 == 1);
    BOOST_TEST(out3.find("password_too_short") != std::string::npos, out3);

    Page in = sign_in("owner@clinic.example", "owner password 1");
    BOOST_TEST(in.status == 302);
    BOOST_TEST(in.location == "/console");
    Page home = get("/console", in.set_cookie);
    BOOST_TEST(home.status == 200);
    BOOST_TEST(home.body.find("href=\"/console/settings\"") != std::string::npos);  // an owner
    BOOST_TEST(get("/console/settings", in.set_cookie).status == 200);

    // --role staff makes a staff user (the password here from the environment).
    auto [rc4, out4] = run_server_command("practitioner create --practice " + practice.id +
                                          " --role staff --email staff@clinic.example --name Staff" + common +
                                          " < /dev/null");
    BOOST_TEST(rc4 == 1);  // no password given at all: refused
    BOOST_TEST(out4.find("empty_value password") != std::string::npos, out4);
    BOOST_TEST(out4.find("portal_password") == std::string::npos, out4);
    BOOST_TEST(::setenv("PAYWIDGET_PRACTITIONER_PASSWORD", "staff password 1", 1) == 0);
    auto [rc6, out6] = run_server_command("practitioner create --practice " + practice.id +
                                          " --role staff --email staff@clinic.example --name Staff" + common);
    ::unsetenv("PAYWIDGET_PRACTITIONER_PASSWORD");
    BOOST_TEST(rc6 == 0, out6);
    BOOST_TEST(out6.find("role: staff") != std::string::npos, out6);
    Page staff = sign_in("staff@clinic.example", "staff password 1");
    BOOST_TEST(staff.status == 302);
    BOOST_TEST(get("/console/settings", staff.set_cookie).status == 404);
}

BOOST_AUTO_TEST_CASE(sign_in_sets_a_strict_cookie_and_a_new_session_every_time) {
    add_user(practice.id, "ann@clinic.example", pws::PracticeRole::owner);
    auto raw = c->Post("/console/login", {{"Origin", origin()}},
                       form_encode({{"email", "ann@clinic.example"}, {"password", kPassword}}),
                       "application/x-www-form-urlencoded");
    BOOST_REQUIRE(raw);
    const std::string header = raw->get_header_value("Set-Cookie");
    BOOST_TEST(header.rfind("pw_console=", 0) == 0u);
    BOOST_TEST(header.find("HttpOnly") != std::string::npos);
    BOOST_TEST(header.find("SameSite=Strict") != std::string::npos);
    BOOST_TEST(header.find("Path=/") != std::string::npos);
    // The portal's cookie is another one: a console session is no portal session.
    BOOST_TEST(header.find("pw_session") == std::string::npos);

    // Fixation: a cookie planted before sign-in is never the session after it.
    const std::string planted = pws::random_token();
    Page fixed = sign_in("ann@clinic.example", kPassword, planted);
    BOOST_TEST(fixed.status == 302);
    BOOST_TEST(!fixed.set_cookie.empty());
    BOOST_TEST(fixed.set_cookie != planted);
    BOOST_TEST(get("/console", planted).status == 302);
    // Signing in again with a live session replaces it: the old one is gone.
    const std::string first = fixed.set_cookie;
    Page again = sign_in("ann@clinic.example", kPassword, first);
    BOOST_TEST(again.set_cookie != first);
    BOOST_TEST(get("/console", again.set_cookie).status == 200);
    Page old = get("/console", first);
    BOOST_TEST(old.status == 302);
    BOOST_TEST(old.location.rfind("/console/login", 0) == 0u);
    // A wrong password sets nothing.
    Page wrong = sign_in("ann@clinic.example", "not the password");
    BOOST_TEST(wrong.status == 401);
    BOOST_TEST(wrong.set_cookie.empty());
}

BOOST_AUTO_TEST_CASE(logout_deletes_the_session_on_the_server) {
    add_user(practice.id, "ann@clinic.example", pws::PracticeRole::staff);
    const std::string s = session_of("ann@clinic.example");
    BOOST_TEST(get("/console", s).status == 200);
    Page out = post("/console/logout", {}, s);
    BOOST_TEST(out.status == 302);
    BOOST_TEST(out.location == "/console/login?signed_out=1");
    BOOST_TEST(out.cleared);
    // The old cookie, replayed, is refused.
    BOOST_TEST(get("/console", s).status == 302);
    BOOST_TEST(get("/console/activity", s).status == 302);
}

BOOST_AUTO_TEST_CASE(every_form_post_without_this_hosts_origin_is_refused) {
    add_user(practice.id, "ann@clinic.example", pws::PracticeRole::owner);
    const std::string s = session_of("ann@clinic.example");
    const json before = settings();
    const std::size_t keys = key_count(practice.id);
    const std::string key_id = first_key_id();
    const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> forms = {
        {"/console/login", {{"email", "ann@clinic.example"}, {"password", kPassword}}},
        {"/console/logout", {}},
        {"/console/settings", {{"allow_saved_method_removal", "1"}, {"settlement_currency", "EUR"}}},
        {"/console/settings/profile", {{"name", "Forged"}, {"email", "forged@evil.example"}}},
        {"/console/api-keys", {{"name", "from elsewhere"}}},
        {"/console/api-keys/" + key_id + "/revoke", {}},
    };
    for (const std::string& from : {std::string(), std::string("https://evil.example"), std::string("null"),
                                    origin() + ".evil.example"}) {
        for (const auto& [path, fields] : forms) {
            Page p = post(path, fields, s, from);
            BOOST_TEST(p.status == 403, path << " from '" << from << "'");
            BOOST_TEST(p.set_cookie.empty(), path);
        }
    }
    // Nothing changed, and the session survived the forged logout.
    BOOST_TEST(settings() == before);
    BOOST_TEST(key_count(practice.id) == keys);
    BOOST_TEST(get("/console", s).status == 200);
    // The same forms from our own pages work.
    BOOST_TEST(post("/console/settings", {{"settlement_currency", "EUR"}}, s).status == 302);
    BOOST_TEST(settings()["settlement_currency"] == "EUR");
}

BOOST_AUTO_TEST_CASE(staff_cannot_open_or_change_settings_or_keys) {
    add_user(practice.id, "sam@clinic.example", pws::PracticeRole::staff);
    const std::string s = session_of("sam@clinic.example");
    Page home = get("/console", s);
    BOOST_TEST(home.status == 200);
    BOOST_TEST(home.body.find("/console/settings") == std::string::npos);  // no link
    BOOST_TEST(home.body.find(">Activity<") != std::string::npos);
    BOOST_TEST(get("/console/settings", s).status == 404);
    BOOST_TEST(get("/console/api-keys", s).status == 404);
    const json before = settings();
    const std::size_t keys = key_count(practice.id);
    const std::string key_id = first_key_id();
    BOOST_TEST(post("/console/settings", {{"allow_saved_method_removal", "1"}, {"settlement_currency", "EUR"}}, s)
                   .status == 404);
    BOOST_TEST(post("/console/api-keys", {{"name", "staff key"}}, s).status == 404);
    BOOST_TEST(post("/console/settings/profile", {{"name", "Staff rename"}, {"email", "s@clinic.example"}}, s).status ==
               404);
    BOOST_TEST(post("/console/api-keys/" + key_id + "/revoke", {}, s).status == 404);
    BOOST_TEST(settings() == before);
    BOOST_TEST(key_count(practice.id) == keys);
    BOOST_TEST(admin_get(*c, practice.key, "/api/v1/admin/settings").status == 200);  // the key still works
}

BOOST_AUTO_TEST_CASE(a_user_never_reaches_another_practices_data) {
    const std::string other = seed.practice("Dr. Other Practice");
    add_user(other, "olga@other.example", pws::PracticeRole::owner);
    add_user(practice.id, "ann@clinic.example", pws::PracticeRole::owner);
    const std::string client_id = create_client(*c, practice.key, "hidden-client@example.com");
    BOOST_REQUIRE(!client_id.empty());
    BOOST_REQUIRE_EQUAL(admin_post(*c, practice.key, "/api/v1/admin/invoices", invoice_body(client_id)).status, 201);

    const std::string olga = session_of("olga@other.example");
    const std::string key_id = first_key_id();
    // Revoking another practice's key: 404, and it keeps working.
    BOOST_TEST(post("/console/api-keys/" + key_id + "/revoke", {}, olga).status == 404);
    BOOST_TEST(admin_get(*c, practice.key, "/api/v1/admin/settings").status == 200);
    for (const char* page : {"/console", "/console/clients", "/console/invoices", "/console/payments",
                             "/console/activity", "/console/api-keys"}) {
        Page p = get(page, olga);
        BOOST_TEST(p.status == 200, page);
        BOOST_TEST(p.body.find("hidden-client@example.com") == std::string::npos, page);
        BOOST_TEST(p.body.find("Dr. Ada Lovelace") == std::string::npos, page);
        BOOST_TEST(p.body.find(key_id) == std::string::npos, page);
    }
    // The practice's own owner sees them.
    const std::string ann = session_of("ann@clinic.example");
    BOOST_TEST(get("/console/clients", ann).body.find("hidden-client@example.com") != std::string::npos);
    BOOST_TEST(get("/console/api-keys", ann).body.find(key_id) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sign_in_attempts_are_limited_per_email) {
    add_user(practice.id, "ann@clinic.example", pws::PracticeRole::owner);
    for (int i = 0; i < 5; ++i) BOOST_TEST(sign_in("ann@clinic.example", "wrong password!").status == 401);
    // The sixth attempt is refused before the password is looked at, even
    // the right one (and by another spelling of the same email).
    Page limited = sign_in("ANN@clinic.example", kPassword);
    BOOST_TEST(limited.status == 429);
    BOOST_TEST(limited.set_cookie.empty());
    // Another account from the same address still has attempts left.
    add_user(practice.id, "bob@clinic.example", pws::PracticeRole::staff);
    BOOST_TEST(sign_in("bob@clinic.example").status == 302);
}

BOOST_AUTO_TEST_CASE(owner_changes_are_applied_and_written_to_the_activity) {
    add_user(practice.id, "ann@clinic.example", pws::PracticeRole::owner);
    const std::string s = session_of("ann@clinic.example");
    Page saved = post("/console/settings", {{"allow_saved_method_removal", "1"},
                                            {"settlement_currency", "CAD"},
                                            {"embed_origins", "https://www.clinic.example\r\n\r\nhttps://b.example"}},
                      s);
    BOOST_TEST(saved.status == 302);
    BOOST_TEST(saved.location == "/console/settings?saved=1");
    const json now = settings();
    BOOST_TEST(now["allow_saved_method_removal"] == true);
    BOOST_TEST(now["settlement_currency"] == "CAD");
    BOOST_TEST(now["embed_origins"] == json::array({"https://www.clinic.example", "https://b.example"}));
    // A value the core refuses changes nothing and says why.
    Page refused = post("/console/settings", {{"embed_origins", "not an origin"}}, s);
    BOOST_TEST(refused.status == 422);
    BOOST_TEST(refused.body.find("role=\"alert\"") != std::string::npos);
    BOOST_TEST(settings() == now);
    // The settings page carries the embed snippet with the practice id.
    Page page = get("/console/settings", s);
    BOOST_TEST(page.body.find("PayWidget.mount") != std::string::npos);
    BOOST_TEST(page.body.find(practice.id) != std::string::npos);

    // The profile payers see: the core's contact rules; a change is logged.
    Page bad = post("/console/settings/profile", {{"name", "Dr. Ada"}, {"email", "not-an-email"}, {"phone", ""}}, s);
    BOOST_TEST(bad.status == 422);
    BOOST_TEST(bad.body.find("aria-invalid=\"true\"") != std::string::npos);
    Page profile = post("/console/settings/profile",
                        {{"name", "Dr. Ada King"}, {"email", "ada.king@practice.example"}, {"phone", "+1 555 0111"}}, s);
    BOOST_TEST(profile.status == 302);
    seed.store().read_transaction([&](pws::ReadTxn& t) -> pw::Error {
        auto p = t.practice(practice.id);
        BOOST_TEST(p.value.name == "Dr. Ada King");
        BOOST_TEST(p.value.email == "ada.king@practice.example");
        BOOST_TEST(p.value.phone == "+1 555 0111");
        return {};
    });
    BOOST_TEST(get("/console/activity", s).body.find("Changed the practice profile to Dr. Ada King") != std::string::npos);

    // A key is shown once, works with the admin API, and stops when revoked.
    Page made = post("/console/api-keys", {{"name", "Bookkeeping"}, {"form_nonce", "nonce-of-this-test"}}, s);
    BOOST_TEST(made.status == 201);
    const std::size_t at = made.body.find("<code>pwk_");
    BOOST_REQUIRE(at != std::string::npos);
    const std::string key = made.body.substr(at + 6, made.body.find('<', at + 6) - at - 6);
    BOOST_TEST(admin_get(*c, key, "/api/v1/admin/settings").status == 200);
    BOOST_TEST(get("/console/api-keys", s).body.find(key) == std::string::npos);  // never shown again
    std::string new_id;
    const json listed = admin_get(*c, practice.key, "/api/v1/admin/keys").body;
    for (const json& k : listed["keys"])
        if (k["name"] == "Bookkeeping") new_id = k["id"].get<std::string>();
    BOOST_REQUIRE(!new_id.empty());
    Page revoked = post("/console/api-keys/" + new_id + "/revoke", {}, s);
    BOOST_TEST(revoked.status == 302);
    BOOST_TEST(admin_get(*c, key, "/api/v1/admin/settings").status == 401);
    // Revoking it again changes nothing and logs nothing.
    BOOST_TEST(post("/console/api-keys/" + new_id + "/revoke", {}, s).status == 302);

    const std::string activity = get("/console/activity", s).body;
    const std::size_t revoke_at = activity.find("Revoked API key &quot;Bookkeeping&quot;");
    const std::size_t create_at = activity.find("Created API key &quot;Bookkeeping&quot;");
    const std::size_t settings_at = activity.find("Changed card removal by clients, sites allowed to embed, settlement currency");
    BOOST_TEST(revoke_at != std::string::npos);
    BOOST_TEST(activity.find("Revoked API key", revoke_at + 1) == std::string::npos);  // once
    BOOST_TEST(create_at != std::string::npos);
    BOOST_TEST(settings_at != std::string::npos);
    BOOST_TEST((revoke_at < create_at && create_at < settings_at));  // newest first
    BOOST_TEST(activity.find(">ann<") != std::string::npos);         // who: the user's name
    BOOST_TEST(activity.find(key) == std::string::npos);              // never the key itself
}

BOOST_AUTO_TEST_CASE(pages_ask_for_a_sign_in_and_come_back) {
    Page p = get("/console/activity");
    BOOST_TEST(p.status == 302);
    BOOST_TEST(p.location == "/console/login?next=%2Fconsole%2Factivity");
    Page login = get("/console/login?next=%2Fconsole%2Factivity");
    BOOST_TEST(login.status == 200);
    BOOST_TEST(login.body.find("value=\"/console/activity\"") != std::string::npos);
    // An open redirect is never made of `next`.
    add_user(practice.id, "ann@clinic.example", pws::PracticeRole::staff);
    Page in = post("/console/login",
                   {{"email", "ann@clinic.example"}, {"password", kPassword}, {"next", "https://evil.example/"}});
    BOOST_TEST(in.location == "/console");
    // The pages' own headers: strict CSP, never cached, never framed.
    auto raw = c->Get("/console/login");
    BOOST_REQUIRE(raw);
    BOOST_TEST(raw->get_header_value("Content-Security-Policy").find("script-src 'self'") != std::string::npos);
    BOOST_TEST(raw->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
    BOOST_TEST(raw->get_header_value("Cache-Control") == "no-store");
    // same-origin, not no-referrer: under no-referrer a browser posts our own
    // forms with `Origin: null`, which the Origin check refuses.
    BOOST_TEST(raw->get_header_value("Referrer-Policy") == "same-origin");
    BOOST_TEST(raw->body.find("<meta name=\"referrer\" content=\"same-origin\">") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
