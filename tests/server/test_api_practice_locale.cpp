// A practice's default language for emails (issue 12), against the real
// server binary: a client without a preference of their own gets the
// practice's language (invoice and invitation emails, read from the
// outbox), a client's own preference still comes first, the admin API and
// the console's Settings form take only a supported locale (422
// invalid_locale), and the form names each language in itself.
#define BOOST_TEST_MODULE api_practice_locale
#include <boost/test/unit_test.hpp>

#include "api_steps.hpp"
#include "console_forms.hpp"

using namespace pws_test;

namespace {

struct Fixture : ConsoleServer {
    std::string owner = signed_in(practice.id, "owner@clinic.example");

    // A client made through the admin API; `locale` is sent when not empty.
    std::pair<std::string, std::string> client(const std::string& tag, const std::string& locale) {
        json body = {{"name", "Grace Hopper"}, {"email", unique_email(tag)}};
        if (!locale.empty()) body["locale"] = locale;
        Reply r = admin_post(*c, practice.key, "/api/v1/admin/clients", body);
        BOOST_REQUIRE_EQUAL(r.status, 201);
        return {r.body["client"]["id"].get<std::string>(), r.body["client"]["email"].get<std::string>()};
    }
    // The outbox message that holds `needle` ("" when none).
    std::string mail_with(const std::string& needle) {
        std::string found;
        for (const std::string& m : outbox_messages(dir.path().string()))
            if (m.find(needle) != std::string::npos) found = m;
        return found;
    }
    // The invoice email sent to `client_id` for a new invoice.
    std::string invoice_email(const std::string& client_id) {
        const std::string inv = create_invoice(*c, practice.key, client_id);
        BOOST_REQUIRE(!inv.empty());
        Reply sent = admin_post(*c, practice.key, "/api/v1/admin/invoices/" + inv + "/send", json::object());
        BOOST_REQUIRE_EQUAL(sent.status, 200);
        const std::string mail = mail_with(sent.body["link"]["token"].get<std::string>());
        BOOST_REQUIRE(!mail.empty());
        return mail;
    }
    Reply set_default(const json& value) {
        return admin_patch(*c, practice.key, "/api/v1/admin/settings", json{{"default_locale", value}});
    }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(practice_locale, Fixture)

BOOST_AUTO_TEST_CASE(without_a_setting_emails_are_in_english) {
    BOOST_TEST(admin_get(*c, practice.key, "/api/v1/admin/settings").body["default_locale"] == "");
    const std::string mail = invoice_email(client("plain", "").first);
    BOOST_TEST(has(mail, "<html lang=\"en\">"), mail);
    BOOST_TEST(has(mail, "Hello"));
}

BOOST_AUTO_TEST_CASE(a_client_without_a_preference_gets_the_practices_language) {
    Reply set = set_default("es");
    BOOST_REQUIRE_EQUAL(set.status, 200);
    BOOST_TEST(set.body["default_locale"] == "es");
    BOOST_TEST(admin_get(*c, practice.key, "/api/v1/admin/settings").body["default_locale"] == "es");

    const std::string mail = invoice_email(client("no-pref", "").first);
    BOOST_TEST(has(mail, "<html lang=\"es\">"), mail);
    BOOST_TEST(has(mail, "Hola, Grace Hopper:"));
    BOOST_TEST(has(mail, "Saldo pendiente: 200,00\u00a0US$"));
    BOOST_TEST(!has(mail, "Balance due"));

    // The portal invitation follows the same rule.
    const auto [id, email] = client("invite-no-pref", "");
    BOOST_REQUIRE_EQUAL(admin_post(*c, practice.key, "/api/v1/admin/clients/" + id + "/invite", json::object()).status, 202);
    const std::string invitation = mail_with(email);
    BOOST_TEST(has(invitation, "<html lang=\"es\">"), invitation);
    BOOST_TEST(!has(invitation, "Activate your account"));
}

BOOST_AUTO_TEST_CASE(the_clients_own_preference_comes_first) {
    BOOST_REQUIRE_EQUAL(set_default("es").status, 200);
    const std::string mail = invoice_email(client("pref-fr", "fr").first);
    BOOST_TEST(has(mail, "<html lang=\"fr\">"), mail);
    BOOST_TEST(has(mail, "Bonjour Grace Hopper,"));
    BOOST_TEST(!has(mail, "Hola"));
}

BOOST_AUTO_TEST_CASE(only_a_supported_language_is_taken) {
    for (const std::string& bad : {std::string("de"), std::string("en-XA"), std::string("klingon")}) {
        Reply r = set_default(bad);
        BOOST_TEST(r.status == 422, bad);
        BOOST_TEST(r.error_code() == "invalid_locale", r.body.dump());
        BOOST_TEST(r.body["error"]["field"] == "default_locale", r.body.dump());
    }
    // Canonical spelling, and "" is English again.
    BOOST_TEST(set_default("FR_ca").body["default_locale"] == "fr-CA");
    BOOST_TEST(set_default("").body["default_locale"] == "");
    // The console's form refuses it too, and keeps what was stored.
    ConsolePage refused = post("/console/settings",
                               {{"settlement_currency", ""}, {"embed_origins", ""}, {"default_locale", "de"}}, owner);
    BOOST_TEST(refused.status == 422);
    BOOST_TEST(has(refused.body, "id=\"default_locale\" name=\"default_locale\" aria-describedby=\"default_locale-hint "
                                 "default_locale-error\" aria-invalid=\"true\""),
               refused.body);
    BOOST_TEST(admin_get(*c, practice.key, "/api/v1/admin/settings").body["default_locale"] == "");
}

BOOST_AUTO_TEST_CASE(the_console_form_shows_and_saves_the_choice) {
    ConsolePage page = get("/console/settings", owner);
    BOOST_REQUIRE_EQUAL(page.status, 200);
    BOOST_TEST(has(page.body, "<label for=\"default_locale\">Language of emails to clients</label>"), page.body);
    // Each language named in itself; English chosen while nothing is stored.
    BOOST_TEST(has(page.body, "<option value=\"en\" lang=\"en\" selected>English</option>"));
    BOOST_TEST(has(page.body, "<option value=\"fr\" lang=\"fr\">Français</option>"));
    BOOST_TEST(has(page.body, "<option value=\"fr-CA\" lang=\"fr-CA\">Français (Canada)</option>"));
    BOOST_TEST(has(page.body, "<option value=\"es\" lang=\"es\">Español</option>"));

    ConsolePage saved =
        post("/console/settings", {{"settlement_currency", ""}, {"embed_origins", ""}, {"default_locale", "fr-CA"}}, owner);
    BOOST_REQUIRE_EQUAL(saved.status, 302);
    BOOST_TEST(admin_get(*c, practice.key, "/api/v1/admin/settings").body["default_locale"] == "fr-CA");
    BOOST_TEST(has(get("/console/settings", owner).body, "<option value=\"fr-CA\" lang=\"fr-CA\" selected>"));
    const std::string mail = invoice_email(client("console-set", "").first);
    BOOST_TEST(has(mail, "<html lang=\"fr-CA\">"), mail);
}

BOOST_AUTO_TEST_SUITE_END()
