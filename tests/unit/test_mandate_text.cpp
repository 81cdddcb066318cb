// Bank-debit mandate texts (mandate_text.hpp): every scheme has a text in
// every language, naming the practitioner; each language has its own version;
// a version leads back to its exact text, and only a current one does.
#define BOOST_TEST_MODULE mandate_text
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

#include "paywidget/locale.hpp"
#include "paywidget/mandate_text.hpp"
#include "paywidget/messages.hpp"

namespace {

constexpr pw::BankScheme kSchemes[] = {pw::BankScheme::ach, pw::BankScheme::pad, pw::BankScheme::sepa};
const std::string kName = "Dr. Ada Lovelace";

}  // namespace

BOOST_AUTO_TEST_CASE(every_scheme_and_language_has_a_text_naming_the_practitioner) {
    for (pw::BankScheme s : kSchemes) {
        for (std::string_view locale : pw::supported_locales()) {
            const pw::MandateText m = pw::mandate_text(s, locale, kName);
            BOOST_TEST((m.scheme == s));
            BOOST_TEST(m.locale == locale);
            BOOST_TEST(m.text.find(kName) != std::string::npos, locale << ": " << m.text);
            BOOST_TEST(m.text.find('{') == std::string::npos, locale << ": " << m.text);
            BOOST_TEST(m.text.find("mandate.") == std::string::npos, locale << ": the id, not a text");
            BOOST_TEST(m.version.rfind(std::string(pw::scheme_id(s)) + "-" + std::string(locale) + "-", 0) == 0,
                       m.version);
        }
    }
}

BOOST_AUTO_TEST_CASE(each_language_reads_its_own_words) {
    const std::string name = "Clinique Tremblay";
    BOOST_TEST(pw::mandate_text(pw::BankScheme::pad, "fr-CA", name).text.find("accord de débit préautorisé") !=
               std::string::npos);
    BOOST_TEST(pw::mandate_text(pw::BankScheme::pad, "fr-CA", name).text.find("paiement sporadique") !=
               std::string::npos);
    BOOST_TEST(pw::mandate_text(pw::BankScheme::sepa, "fr", name).text.find("mandat de prélèvement SEPA") !=
               std::string::npos);
    BOOST_TEST(pw::mandate_text(pw::BankScheme::sepa, "fr", name).text.find("8 semaines") != std::string::npos);
    BOOST_TEST(pw::mandate_text(pw::BankScheme::sepa, "es", name).text.find("orden de domiciliación SEPA") !=
               std::string::npos);
    BOOST_TEST(pw::mandate_text(pw::BankScheme::sepa, "es", name).text.find("ocho semanas") != std::string::npos);
    BOOST_TEST(pw::mandate_text(pw::BankScheme::ach, "es", name).text.find("Autorizo a Clinique Tremblay") !=
               std::string::npos);
    BOOST_TEST(pw::mandate_text(pw::BankScheme::sepa, "en", name).text.find("8 weeks") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(versions_differ_per_language_and_scheme) {
    std::set<std::string> seen;
    for (pw::BankScheme s : kSchemes)
        for (std::string_view locale : pw::supported_locales())
            BOOST_TEST(seen.insert(pw::mandate_text(s, locale, kName).version).second, pw::scheme_id(s) << " " << locale);
    // The name is not part of the wording: one version for every practitioner.
    BOOST_TEST(pw::mandate_text(pw::BankScheme::pad, "fr-CA", "A").version ==
               pw::mandate_text(pw::BankScheme::pad, "fr-CA", "Another name").version);
}

BOOST_AUTO_TEST_CASE(the_closest_supported_language_is_used) {
    BOOST_TEST(pw::mandate_text(pw::BankScheme::pad, "fr-BE", kName).locale == "fr");
    BOOST_TEST(pw::mandate_text(pw::BankScheme::pad, "FR_ca", kName).locale == "fr-CA");
    BOOST_TEST(pw::mandate_text(pw::BankScheme::ach, "es-US", kName).locale == "es");
    BOOST_TEST(pw::mandate_text(pw::BankScheme::ach, "de-DE", kName).locale == "en");
    BOOST_TEST(pw::mandate_text(pw::BankScheme::ach, "", kName).locale == "en");
}

BOOST_AUTO_TEST_CASE(a_version_leads_back_to_its_text) {
    for (pw::BankScheme s : kSchemes) {
        for (std::string_view locale : pw::supported_locales()) {
            const pw::MandateText m = pw::mandate_text(s, locale, kName);
            const std::optional<pw::MandateText> back = pw::current_mandate(m.version, kName);
            BOOST_TEST_REQUIRE(back.has_value(), m.version);
            BOOST_TEST((back->scheme == s));
            BOOST_TEST(back->locale == locale);
            BOOST_TEST(back->text == m.text);
        }
    }
}

BOOST_AUTO_TEST_CASE(old_unknown_and_malformed_versions_are_not_current) {
    const std::string pad_fr_ca = pw::mandate_text(pw::BankScheme::pad, "fr-CA", kName).version;
    std::string reworded = pad_fr_ca;
    reworded.back() = reworded.back() == '0' ? '1' : '0';  // another wording's hash
    for (const std::string& v : {std::string("ach-2025-01"), std::string("pad-2025-01"), reworded,
                                std::string("pad-de-") + pad_fr_ca.substr(pad_fr_ca.size() - 8),
                                std::string("card-en-00000000"), std::string(""), pad_fr_ca + "x"})
        BOOST_TEST(!pw::current_mandate(v, kName).has_value(), v);
}
