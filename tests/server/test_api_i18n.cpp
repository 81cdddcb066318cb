// Payers read pages and emails in their language (issue 12), against the real
// server binary: Accept-Language chooses the language of /pay and the portal
// (negotiated by the core: fr-CA stays fr-CA, es-MX is es, de is English),
// the client's stored preference beats it on portal pages and decides the
// language of their emails, the admin API and the portal's account form set
// that preference (only a supported locale; the form only from this host).
#define BOOST_TEST_MODULE api_i18n
#include <boost/test/unit_test.hpp>

#include "admin_api.hpp"
#include "paywidget/url.hpp"
#include "raw_reply.hpp"

using namespace pws_test;

namespace {

const std::string kPassword = "portal secret 1";

struct Page : RawReply {
    bool has(const std::string& text) const { return body.find(text) != std::string::npos; }
};

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + pw::percent_encode(k) + "=" + pw::percent_encode(v);
    return out;
}

struct Env {
    TempDir dir;
    Seeder seed{dir.path().string()};
    AdminPractice practice = make_admin_practice(seed, "Dr. Ada Lovelace");
    ServerProcess server{dir.path().string()};
    std::unique_ptr<pwhttp::Client> c;
    std::string link_client;
    Env() {
        BOOST_REQUIRE(seed.ok());
        BOOST_REQUIRE(server.start());
        c = server.client();
        link_client = seed.client(practice.id);
    }
    std::string origin() const { return "http://127.0.0.1:" + std::to_string(server.port()); }
    Page get(const std::string& path, const std::string& accept_language, const std::string& session = "") {
        pwhttp::Headers h;
        if (!accept_language.empty()) h.emplace("Accept-Language", accept_language);
        if (!session.empty()) h.emplace("Cookie", "pw_session=" + session);
        return Page{to_raw_reply(c->Get(path.c_str(), h))};
    }
    // A client made through the admin API; `locale` is sent when not empty.
    Reply create(const std::string& tag, const std::string& locale, const std::string& password = "") {
        json body = {{"name", "Grace Hopper"}, {"email", tag + "-" + pws::random_token(8) + "@example.com"}};
        if (!locale.empty()) body["locale"] = locale;
        if (!password.empty()) body["portal_password"] = password;
        return admin_post(*c, practice.key, "/api/v1/admin/clients", body);
    }
    // A signed-in portal client whose stored language is `locale`.
    std::pair<std::string, std::string> portal_client(const std::string& tag, const std::string& locale) {
        Reply r = create(tag, locale, kPassword);
        BOOST_REQUIRE_EQUAL(r.status, 201);
        const std::string session =
            session_cookie(login(*c, r.body["client"]["email"].get<std::string>(), kPassword));
        BOOST_REQUIRE(!session.empty());
        return {r.body["client"]["id"].get<std::string>(), session};
    }
    Page post_language(const std::string& session, const std::string& locale, const std::string& from) {
        pwhttp::Headers h{{"Cookie", "pw_session=" + session}};
        if (!from.empty()) h.emplace("Origin", from);
        return Page{to_raw_reply(
            c->Post("/portal/account/language", h, form_encode({{"locale", locale}}), "application/x-www-form-urlencoded"))};
    }
};

Env& env() {
    static Env e;
    return e;
}

std::string fresh_link() {
    const std::string inv = env().seed.invoice(env().practice.id, env().link_client);
    return env().seed.link(env().practice.id, inv).token;
}

std::string invoice_number_of_link(const std::string& token) {
    Reply r = get_link(*env().c, token);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    return r.body["invoice"]["number"].get<std::string>();
}

}  // namespace

// ---------------------------------------------------------------- Accept-Language on /pay

BOOST_AUTO_TEST_CASE(canadian_french_gets_the_pay_page_in_canadian_french) {
    const std::string token = fresh_link();
    const std::string number = invoice_number_of_link(token);
    Page p = env().get("/pay/" + token, "fr-CA,fr;q=0.9,en;q=0.5");
    BOOST_REQUIRE_EQUAL(p.status, 200);
    BOOST_TEST(p.has("<html lang=\"fr-CA\">"));
    BOOST_TEST(p.has("<title>Payer la facture " + number + "</title>"), p.body);
    BOOST_TEST(p.has(">Facture " + number + "</h1>"));
    BOOST_TEST(p.has(">Payer la facture</h2>"));
    BOOST_TEST(p.has("<dt>Solde dû</dt>"));
    BOOST_TEST(p.has(">Aller au contenu</a>"));
    // Amounts and dates for the locale: USD in fr-CA, "10 févr. 2025".
    BOOST_TEST(p.has("200,00\u00a0$\u00a0US"), p.body);
    BOOST_TEST(p.has("10 févr. 2025"));
    // The widget is told the page's language.
    BOOST_TEST(p.has("data-locale=\"fr-CA\""));
    BOOST_TEST(!p.has("Balance due"));
    BOOST_TEST(!p.has("Pay Invoice"));
}

BOOST_AUTO_TEST_CASE(mexican_spanish_gets_the_pay_page_in_spanish) {
    const std::string token = fresh_link();
    const std::string number = invoice_number_of_link(token);
    Page p = env().get("/pay/" + token, "es-MX,es;q=0.8");
    BOOST_REQUIRE_EQUAL(p.status, 200);
    BOOST_TEST(p.has("<html lang=\"es\">"));
    BOOST_TEST(p.has(">Factura " + number + "</h1>"));
    BOOST_TEST(p.has(">Pagar factura</h2>"));
    BOOST_TEST(p.has("<dt>Saldo pendiente</dt>"));
    BOOST_TEST(p.has("200,00\u00a0US$"), p.body);
    BOOST_TEST(p.has("10 feb 2025"));
}

BOOST_AUTO_TEST_CASE(an_unsupported_language_gets_english) {
    const std::string token = fresh_link();
    for (const std::string& header : {std::string("de"), std::string("de-DE,it;q=0.5"), std::string()}) {
        Page p = env().get("/pay/" + token, header);
        BOOST_REQUIRE_EQUAL(p.status, 200);
        BOOST_TEST(p.has("<html lang=\"en\">"), header);
        BOOST_TEST(p.has(">Pay Invoice</h2>"), header);
        BOOST_TEST(p.has("$200.00"), header);
        BOOST_TEST(p.has("Feb 10, 2025"), header);
    }
}

BOOST_AUTO_TEST_CASE(a_link_problem_is_explained_in_the_payers_language) {
    Page unknown = env().get("/pay/" + pws::random_token(), "fr");
    BOOST_REQUIRE_EQUAL(unknown.status, 404);
    BOOST_TEST(unknown.has("<html lang=\"fr\">"));
    BOOST_TEST(unknown.has("Ce lien de paiement ne fonctionne pas"));
    const std::string inv = env().seed.invoice(env().practice.id, env().link_client);
    Page expired = env().get("/pay/" + env().seed.link(env().practice.id, inv, -60).token, "es");
    BOOST_REQUIRE_EQUAL(expired.status, 410);
    BOOST_TEST(expired.has("Este enlace de pago ha caducado"));
    BOOST_TEST(expired.has("Dr. Ada Lovelace puede enviarle"));
}

BOOST_AUTO_TEST_CASE(the_portal_sign_in_follows_accept_language) {
    Page p = env().get("/portal/login", "es-ES");
    BOOST_REQUIRE_EQUAL(p.status, 200);
    BOOST_TEST(p.has("<html lang=\"es\">"));
    BOOST_TEST(p.has("Inicie sesión en su portal del cliente"));
    BOOST_TEST(p.has(">Contraseña</label>"));
    Page reset = env().get("/portal/reset", "fr-CA");
    BOOST_TEST(reset.has("Réinitialisez votre mot de passe"));
    BOOST_TEST(reset.has(">Courriel</label>"));  // Canadian French
    BOOST_TEST(reset.has("Au moins 10 caractères."));
}

// ---------------------------------------------------------------- the stored preference

BOOST_AUTO_TEST_CASE(the_stored_preference_beats_accept_language_on_portal_pages) {
    auto [id, session] = env().portal_client("pref", "es");
    Page home = env().get("/portal", "fr-CA,fr;q=0.9", session);
    BOOST_REQUIRE_EQUAL(home.status, 200);
    BOOST_TEST(home.has("<html lang=\"es\">"));
    BOOST_TEST(home.has("Le damos la bienvenida, Grace Hopper"));
    BOOST_TEST(home.has(">Facturas pendientes</a>"));
    Page billing = env().get("/portal/billing", "fr", session);
    BOOST_TEST(billing.has("Historial de pagos"));
    // Without a preference the same pages follow Accept-Language.
    auto [other, plain] = env().portal_client("nopref", "");
    BOOST_TEST(env().get("/portal", "fr-CA", plain).has("<html lang=\"fr-CA\">"));
}

BOOST_AUTO_TEST_CASE(the_client_chooses_their_language_on_the_account_page) {
    auto [id, session] = env().portal_client("choose", "");
    Page account = env().get("/portal/account", "en", session);
    BOOST_REQUIRE_EQUAL(account.status, 200);
    BOOST_TEST(account.has("<label for=\"locale\">Language of the portal and of our emails</label>"));
    BOOST_TEST(account.header("Referrer-Policy") == "same-origin");  // so the form's Origin is sent

    // From another site: refused, nothing changes.
    Page foreign = env().post_language(session, "fr", "https://evil.example");
    BOOST_TEST(foreign.status == 403);
    BOOST_TEST(env().get("/portal", "en", session).has("<html lang=\"en\">"));
    // An unknown language: 422, the form again with the error.
    Page bad = env().post_language(session, "klingon", env().origin());
    BOOST_TEST(bad.status == 422);
    BOOST_TEST(bad.has("role=\"alert\">Choose a language from the list, then save again."));

    Page saved = env().post_language(session, "fr", env().origin());
    BOOST_REQUIRE_EQUAL(saved.status, 302);
    BOOST_TEST(saved.header("Location") == "/portal/account?saved=1");
    Page after = env().get("/portal/account?saved=1", "en", session);
    BOOST_TEST(after.has("<html lang=\"fr\">"));
    BOOST_TEST(after.has("Votre langue est enregistrée."));
    BOOST_TEST(after.has("<option value=\"fr\" lang=\"fr\" selected>"));
    // "" is no preference again: back to Accept-Language.
    BOOST_REQUIRE_EQUAL(env().post_language(session, "", env().origin()).status, 302);
    BOOST_TEST(env().get("/portal", "es", session).has("<html lang=\"es\">"));
}

// ---------------------------------------------------------------- the admin API

BOOST_AUTO_TEST_CASE(the_api_takes_only_a_supported_locale) {
    Reply ok = env().create("api", "FR_ca");
    BOOST_REQUIRE_EQUAL(ok.status, 201);
    BOOST_TEST(ok.body["client"]["locale"] == "fr-CA");  // canonical spelling
    Reply none = env().create("api-none", "");
    BOOST_TEST(!none.body["client"].contains("locale"));

    for (const std::string& bad : {std::string("de"), std::string("en-XA"), std::string(40, 'x')}) {
        Reply r = env().create("api-bad", bad);
        BOOST_TEST(r.status == 422, bad);
        BOOST_TEST(r.error_code() == (bad.size() > 35 ? "string_too_long" : "invalid_locale"), r.body.dump());
        BOOST_TEST(r.body["error"]["field"] == "locale", r.body.dump());
    }
    const std::string path = "/api/v1/admin/clients/" + ok.body["client"]["id"].get<std::string>();
    Reply patched = admin_patch(*env().c, env().practice.key, path, json{{"locale", "es"}});
    BOOST_REQUIRE_EQUAL(patched.status, 200);
    BOOST_TEST(patched.body["client"]["locale"] == "es");
    Reply refused = admin_patch(*env().c, env().practice.key, path, json{{"locale", "xx-YY"}});
    BOOST_TEST(refused.status == 422);
    BOOST_TEST(refused.body["error"]["field"] == "locale");
    Reply cleared = admin_patch(*env().c, env().practice.key, path, json{{"locale", nullptr}});
    BOOST_REQUIRE_EQUAL(cleared.status, 200);
    BOOST_TEST(!cleared.body["client"].contains("locale"));
    // Another practice's client is not found.
    AdminPractice other = make_admin_practice(env().seed, "Dr. Other");
    BOOST_TEST(admin_patch(*env().c, other.key, path, json{{"locale", "fr"}}).status == 404);
}

// ---------------------------------------------------------------- emails

BOOST_AUTO_TEST_CASE(the_invoice_email_to_a_spanish_client_is_in_spanish) {
    Reply client = env().create("mail-es", "es");
    BOOST_REQUIRE_EQUAL(client.status, 201);
    const std::string inv = create_invoice(*env().c, env().practice.key, client.body["client"]["id"].get<std::string>());
    BOOST_REQUIRE(!inv.empty());
    Reply sent = admin_post(*env().c, env().practice.key, "/api/v1/admin/invoices/" + inv + "/send", json::object());
    BOOST_REQUIRE_EQUAL(sent.status, 200);
    const std::string token = sent.body["link"]["token"].get<std::string>();
    std::string mail;
    for (const std::string& m : outbox_messages(env().dir.path().string()))
        if (m.find(token) != std::string::npos) mail = m;
    BOOST_REQUIRE(!mail.empty());
    auto has = [&](const std::string& s) { return mail.find(s) != std::string::npos; };
    Reply inv_json = admin_get(*env().c, env().practice.key, "/api/v1/admin/invoices/" + inv);
    const std::string number = inv_json.body["invoice"]["number"].get<std::string>();
    BOOST_TEST(has("Subject: Factura " + number + " de Dr. Ada Lovelace"), mail);
    // Text part.
    BOOST_TEST(has("Hola, Grace Hopper:"), mail);
    BOOST_TEST(has("Dr. Ada Lovelace le ha enviado la factura " + number + "."));
    BOOST_TEST(has("Saldo pendiente: 200,00\u00a0US$"));
    BOOST_TEST(has("Fecha de vencimiento: 31 mar 2025"));
    BOOST_TEST(has("Pagar factura: "));
    // HTML part.
    BOOST_TEST(has("<html lang=\"es\">"));
    BOOST_TEST(has("le ha enviado la factura <strong>" + number + "</strong>."));
    BOOST_TEST(has(">Pagar factura</a>"));
    BOOST_TEST(!has("Balance due"));
    BOOST_TEST(!has("Hello"));
}

BOOST_AUTO_TEST_CASE(the_invitation_email_speaks_the_clients_language) {
    Reply client = env().create("invite-fr", "fr-CA");
    BOOST_REQUIRE_EQUAL(client.status, 201);
    const std::string id = client.body["client"]["id"].get<std::string>();
    const std::string email = client.body["client"]["email"].get<std::string>();
    Reply r = admin_post(*env().c, env().practice.key, "/api/v1/admin/clients/" + id + "/invite", json::object());
    BOOST_REQUIRE_EQUAL(r.status, 202);
    std::string mail;
    for (const std::string& m : outbox_messages(env().dir.path().string()))
        if (m.find(email) != std::string::npos) mail = m;
    BOOST_REQUIRE(!mail.empty());
    BOOST_TEST(mail.find("Bonjour Grace Hopper,") != std::string::npos, mail);
    BOOST_TEST(mail.find("Activer votre compte") != std::string::npos);
    BOOST_TEST(mail.find("Activate your account") == std::string::npos);
}
