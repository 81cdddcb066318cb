// Bank-debit mandates per language, against the real server binary: the link
// view's mandates speak the language the widget asks for (Accept-Language);
// a token request quoting a French PAD version records that text, its
// version and its language; any current version of the scheme is accepted
// (the widget may have shown another language than the link view's default);
// an old, unknown or other-scheme version is refused (mandate_outdated).
#define BOOST_TEST_MODULE api_mandate_language
#include <boost/test/unit_test.hpp>

#include "paywidget/mandate_text.hpp"
#include "suite_server.hpp"

using namespace pws_test;

namespace {

const std::string kPractitioner = "Dr. Ada Lovelace";  // the seeded invoices' practitioner

Reply get_link_in(pwhttp::Client& c, const std::string& token, const std::string& accept_language) {
    return to_reply(c.Get("/api/v1/links/" + token, {{"Accept-Language", accept_language}}));
}

json pad_body(const std::string& version) {
    return json{{"type", "bank_debit"},         {"scheme", "pad"},
                {"account_holder", "Jean Tremblay"}, {"transit_number", "12345"},
                {"institution_number", "001"},  {"account_number", "1234567"},
                {"mandate", {{"accepted", true}, {"text_version", version}}}};
}

// The mandate recorded for a raw token the server gave out.
pws::Mandate recorded_mandate(const std::string& raw_token) {
    pws::Mandate out;
    auto& seed = env().seed;
    const std::string hash = pws::hash_token(seed.secret(), pws::KeyUse::payment_token, raw_token);
    pw::Error e = seed.store().read_transaction([&](pws::ReadTxn& t) -> pw::Error {
        auto tok = t.token(hash);
        if (!tok.ok()) return tok.error;
        auto m = t.mandate(tok.value.mandate_id);
        if (!m.ok()) return m.error;
        out = m.value;
        return {};
    });
    BOOST_TEST(!e, e.code);
    return out;
}

std::pair<std::string, SeededLink> pad_invoice() {
    InvoiceSpec spec;
    spec.currency = "CAD";
    return env().invoice_with_link(spec.bank(pw::BankScheme::pad));
}

}  // namespace

BOOST_AUTO_TEST_CASE(link_view_mandates_speak_the_asked_language) {
    auto [inv, link] = pad_invoice();
    auto c = env().server.client();
    const pw::MandateText fr_ca = pw::mandate_text(pw::BankScheme::pad, "fr-CA", kPractitioner);
    Reply r = get_link_in(*c, link.token, "fr-CA");
    BOOST_REQUIRE(r.status == 200);
    BOOST_REQUIRE(r.body["mandates"].size() == 1u);
    BOOST_TEST(r.body["mandates"][0]["locale"] == "fr-CA");
    BOOST_TEST(r.body["mandates"][0]["version"] == fr_ca.version);
    BOOST_TEST(r.body["mandates"][0]["text"] == fr_ca.text);
    BOOST_TEST(fr_ca.text.find("accord de débit préautorisé") != std::string::npos);

    r = get_link_in(*c, link.token, "de-DE, es;q=0.8, en;q=0.5");  // the closest supported: es
    BOOST_REQUIRE(r.status == 200);
    BOOST_TEST(r.body["mandates"][0]["locale"] == "es");
    r = get_link(*c, link.token);  // no preference: English
    BOOST_REQUIRE(r.status == 200);
    BOOST_TEST(r.body["mandates"][0]["locale"] == "en");
}

BOOST_AUTO_TEST_CASE(french_pad_version_records_its_language_and_text) {
    auto [inv, link] = pad_invoice();
    auto c = env().server.client();
    const pw::MandateText fr_ca = pw::mandate_text(pw::BankScheme::pad, "fr-CA", kPractitioner);
    Reply r = post_token(*c, link.token, pad_body(fr_ca.version));
    BOOST_REQUIRE(r.status == 201);
    const pws::Mandate m = recorded_mandate(r.body["token"].get<std::string>());
    BOOST_TEST(m.locale == "fr-CA");
    BOOST_TEST(m.text_version == fr_ca.version);
    BOOST_TEST(m.text == fr_ca.text);
    BOOST_TEST((m.scheme == pw::BankScheme::pad));
}

// The link view answered in French, but the payer's widget showed English
// (it asked in English): the English text is current and is what they read,
// so it is accepted and recorded as English.
BOOST_AUTO_TEST_CASE(a_current_version_in_another_language_is_accepted) {
    auto [inv, link] = pad_invoice();
    auto c = env().server.client();
    BOOST_REQUIRE(get_link_in(*c, link.token, "fr-CA").status == 200);
    const pw::MandateText en = pw::mandate_text(pw::BankScheme::pad, "en", kPractitioner);
    Reply r = post_token(*c, link.token, pad_body(en.version));
    BOOST_REQUIRE(r.status == 201);
    const pws::Mandate m = recorded_mandate(r.body["token"].get<std::string>());
    BOOST_TEST(m.locale == "en");
    BOOST_TEST(m.text_version == en.version);
    BOOST_TEST(m.text == en.text);
}

BOOST_AUTO_TEST_CASE(old_unknown_and_other_scheme_versions_are_refused) {
    auto [inv, link] = pad_invoice();
    auto c = env().server.client();
    std::string reworded = pw::mandate_text(pw::BankScheme::pad, "fr-CA", kPractitioner).version;
    reworded.back() = reworded.back() == '0' ? '1' : '0';
    for (const std::string& v : {std::string("pad-2025-01"), reworded, std::string("pad-de-00000000"),
                                 pw::mandate_text(pw::BankScheme::sepa, "fr", kPractitioner).version}) {
        Reply r = post_token(*c, link.token, pad_body(v));
        BOOST_TEST(r.status == 422, v);
        BOOST_TEST(r.error_code() == "mandate_outdated", v);
        BOOST_TEST(r.error_field() == "mandate.text_version", v);
    }
}
