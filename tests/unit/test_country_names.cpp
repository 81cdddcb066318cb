// Country names in the catalogue (country.<ISO 3166 alpha-2>, issue 12):
// every country the core knows IBANs of has one in every language, the
// English one is the core's own (iban_registry.cpp) so the two cannot
// drift, and an IBAN error read in French or Spanish names the country
// rather than its code.
#define BOOST_TEST_MODULE country_names
#include <boost/test/unit_test.hpp>

#include <string>

#include "paywidget/bank_debit.hpp"
#include "paywidget/messages.hpp"

BOOST_AUTO_TEST_CASE(every_iban_country_is_named_in_every_language) {
    for (const pw::IbanCountry& c : pw::all_iban_countries()) {
        const std::string id = "country." + std::string(c.code);
        const auto en = pw::find_message("en", id);
        BOOST_TEST_REQUIRE(en.has_value(), id);
        BOOST_TEST(*en == c.name, id);
        for (const char* lang : {"fr", "es"}) BOOST_TEST(pw::find_message(lang, id).has_value(), lang << " " << id);
    }
}

BOOST_AUTO_TEST_CASE(a_refused_country_is_named_in_the_readers_language) {
    // BR: an IBAN country outside SEPA (a valid example IBAN).
    const auto brazil = pw::validate_iban("BR9700360305000010009795493P1");
    BOOST_TEST_REQUIRE(brazil.ok());
    const pw::Error refused = pw::check_sepa_country(*brazil.value.country);
    BOOST_TEST_REQUIRE(bool(refused));
    const std::string fr = pw::error_text("fr", refused), es = pw::error_text("es", refused);
    BOOST_TEST(fr.find(pw::text("fr", "country.BR")) != std::string::npos, fr);
    BOOST_TEST(es.find(pw::text("es", "country.BR")) != std::string::npos, es);
    BOOST_TEST(fr.find("(BR)") == std::string::npos, fr);
    // English keeps the core's own sentence.
    BOOST_TEST(pw::error_text("en", refused) == refused.message);
}

BOOST_AUTO_TEST_CASE(a_length_error_names_the_country_too) {
    const auto short_de = pw::validate_iban("DE8937040044053201300");  // one digit short
    BOOST_TEST_REQUIRE(!short_de.ok());
    const std::string es = pw::error_text("es", short_de.error);
    BOOST_TEST(es.find(pw::text("es", "country.DE")) != std::string::npos, es);
    BOOST_TEST(pw::text("es", "country.DE") != "country.DE");
    // A Canadian French name where it differs from France's.
    BOOST_TEST(pw::text("fr-CA", "country.BY") != pw::text("fr", "country.BY"));
}
