// The message catalogue (messages.hpp) and locale negotiation (locale.hpp):
// every language has every id, the same placeholders and no empty message;
// plurals parse and choose per language; en-XA is generated longer and keeps
// placeholders; fallbacks never crash.
#define BOOST_TEST_MODULE messages
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "paywidget/locale.hpp"
#include "paywidget/messages.hpp"

namespace {

const std::vector<std::string> kFull = {"en", "fr", "es", "en-XA"};

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_id_in_every_language_with_the_same_placeholders) {
    const std::vector<std::string_view> ids = pw::message_ids();
    BOOST_TEST(ids.size() > 200u);
    for (std::string_view id : ids) {
        const std::string_view en = *pw::find_message("en", id);
        const std::vector<std::string> names = pw::message_placeholders(en);
        for (const std::string& locale : kFull) {
            const std::optional<std::string_view> m = pw::find_message(locale, id);
            BOOST_TEST_REQUIRE(m.has_value(), locale << " lacks " << id);
            BOOST_TEST(!m->empty(), locale << " " << id);
            BOOST_TEST(pw::check_message(*m).ok(), locale << " " << id << " does not parse");
            BOOST_TEST(pw::message_placeholders(*m) == names, locale << " " << id);
        }
        // fr-CA holds only what differs from fr, with fr's placeholders.
        if (const auto ca = pw::find_message("fr-CA", id)) {
            BOOST_TEST(pw::message_placeholders(*ca) == names, "fr-CA " << id);
            BOOST_TEST(*ca != *pw::find_message("fr", id), "fr-CA repeats fr for " << id);
        }
    }
}

BOOST_AUTO_TEST_CASE(pseudo_locale_is_longer_and_keeps_placeholders) {
    for (std::string_view id : pw::message_ids()) {
        const std::string_view en = *pw::find_message("en", id);
        const std::string_view xa = *pw::find_message("en-XA", id);
        BOOST_TEST(code_points(xa) * 10 >= code_points(en) * 14, id << ": " << xa);
        BOOST_TEST(xa != en);
    }
    const std::string s = pw::text("en-XA", "widget.pay_amount", {{"amount", "$51.00"}});
    BOOST_TEST(s.find("$51.00") != std::string::npos, s);
    BOOST_TEST(s.find("\xC3\xA1") != std::string::npos, s);  // an accented a
}

BOOST_AUTO_TEST_CASE(named_arguments_fill_in) {
    BOOST_TEST(pw::text("en", "widget.pay_amount", {{"amount", "$51.00"}}) == "Pay $51.00");
    BOOST_TEST(pw::text("fr", "widget.pay_amount", {{"amount", "51,00 $"}}) == "Payer 51,00 $");
    BOOST_TEST(pw::text("es", "widget.pay_amount", {{"amount", "51,00 US$"}}) == "Pagar 51,00 US$");
    // A missing argument stays visible rather than vanishing.
    BOOST_TEST(pw::text("en", "widget.pay_amount") == "Pay {amount}");
}

BOOST_AUTO_TEST_CASE(plurals_follow_each_language) {
    BOOST_TEST(pw::plural_category("en", 0) == "other");
    BOOST_TEST(pw::plural_category("en", 1) == "one");
    BOOST_TEST(pw::plural_category("es", 0) == "other");
    BOOST_TEST(pw::plural_category("fr", 0) == "one");  // French: 0 and 1 are singular
    BOOST_TEST(pw::plural_category("fr-CA", 1) == "one");
    BOOST_TEST(pw::plural_category("fr", 2) == "other");
    const auto cvc = [](const char* locale, const char* n) {
        return pw::text(locale, "card.cvc_incomplete", {{"digits", n}});
    };
    BOOST_TEST(cvc("en", "3") == "Your card's security code is incomplete: it has 3 digits.");
    BOOST_TEST(cvc("en", "1") == "Your card's security code is incomplete: it has 1 digit.");
    BOOST_TEST(cvc("fr", "4").find("4\xC2\xA0" "chiffres") == std::string::npos);  // plain space before the unit
    BOOST_TEST(cvc("fr", "4").find("4 chiffres") != std::string::npos, cvc("fr", "4"));
    BOOST_TEST(cvc("es", "1").find("1 d\xC3\xADgito.") != std::string::npos, cvc("es", "1"));
    // An exact branch wins over the category; "#" is the number.
    BOOST_TEST(pw::check_message("{n, plural, =0 {none} one {# item} other {# items}}").ok());
    BOOST_TEST(!pw::check_message("{n, plural, one {# item}}").ok());   // no "other"
    BOOST_TEST(!pw::check_message("{n, plural, one {# item").ok());     // unclosed
    BOOST_TEST(!pw::check_message("{n, select, a {x} other {y}}").ok()); // not in the subset
    BOOST_TEST(!pw::check_message("Pay {amount").ok());
    BOOST_TEST(!pw::check_message("Pay }").ok());
    BOOST_TEST(pw::message_placeholders("{a} {n, plural, one {# {b}} other {{c}}}") ==
               (std::vector<std::string>{"a", "b", "c", "n"}));
}

BOOST_AUTO_TEST_CASE(missing_ids_fall_back_and_never_crash) {
    // fr-CA has its own PAD wording, and fr's text for everything else.
    BOOST_TEST(pw::text("fr-CA", "widget.mandate_accept") != pw::text("fr", "widget.mandate_accept"));
    BOOST_TEST(pw::text("fr-CA", "widget.pay_now") == pw::text("fr", "widget.pay_now"));
    BOOST_TEST(!pw::find_message("fr-CA", "widget.pay_now").has_value());
    // An unknown locale is negotiated; an unknown id is shown as itself.
    BOOST_TEST(pw::text("fr-BE", "widget.continue") == "Continuer");
    BOOST_TEST(pw::text("de", "widget.continue") == "Continue");
    BOOST_TEST(pw::text("", "widget.continue") == "Continue");
    BOOST_TEST(pw::text("fr", "widget.no_such_id") == "widget.no_such_id");
}

BOOST_AUTO_TEST_CASE(lists_are_joined_per_language) {
    BOOST_TEST(pw::list_text("en", {"a"}) == "a");
    BOOST_TEST(pw::list_text("en", {"a", "b"}) == "a and b");
    BOOST_TEST(pw::list_text("en", {"a", "b", "c"}) == "a, b and c");
    BOOST_TEST(pw::list_text("es", {"a", "b", "c"}) == "a, b y c");
    BOOST_TEST(pw::list_text("fr", {"a", "b"}) == "a et b");
}

BOOST_AUTO_TEST_CASE(catalogue_errors_speak_every_language) {
    const pw::Error e = pw::catalogue_error("cvc_incomplete", "cvc", "card.cvc_incomplete", {{"digits", "3"}});
    BOOST_TEST(e.code == "cvc_incomplete");
    BOOST_TEST(e.message == "Your card's security code is incomplete: it has 3 digits.");
    BOOST_TEST(pw::error_text("en", e) == e.message);
    BOOST_TEST(pw::error_text("es", e).find("3 d\xC3\xADgitos") != std::string::npos);
    // An error without a catalogue id keeps its own message in any language.
    const pw::Error plain = pw::make_error("x", "", "As sent by the server.");
    BOOST_TEST(pw::error_text("fr", plain) == "As sent by the server.");
    // Made in the browser before en's rest of the texts arrived, its English
    // message is only its id: said from the catalogue once it can be.
    const pw::Error early{"cvc_incomplete", "cvc", "card.cvc_incomplete", "card.cvc_incomplete", {{"digits", "3"}}};
    BOOST_TEST(pw::error_text("en", early) == e.message);
}

BOOST_AUTO_TEST_CASE(negotiation_picks_the_closest_supported_locale) {
    using V = std::vector<std::string>;
    BOOST_TEST(pw::negotiate_locale(V{"fr-CA"}) == "fr-CA");
    BOOST_TEST(pw::negotiate_locale(V{"fr_ca"}) == "fr-CA");
    BOOST_TEST(pw::negotiate_locale(V{"fr-BE"}) == "fr");
    BOOST_TEST(pw::negotiate_locale(V{"FR"}) == "fr");
    BOOST_TEST(pw::negotiate_locale(V{"es-MX"}) == "es");
    BOOST_TEST(pw::negotiate_locale(V{"es-419"}) == "es");
    BOOST_TEST(pw::negotiate_locale(V{"en-GB"}) == "en");
    BOOST_TEST(pw::negotiate_locale(V{"de"}) == "en");
    BOOST_TEST(pw::negotiate_locale(V{"de", "es-US", "fr"}) == "es");  // the first that matches
    BOOST_TEST(pw::negotiate_locale(V{}) == "en");
    BOOST_TEST(pw::negotiate_locale(V{""}) == "en");
    // The pseudo-locale only when asked for exactly, never by language.
    BOOST_TEST(pw::negotiate_locale(V{"en-XA"}) == "en-XA");
    BOOST_TEST(pw::negotiate_locale(V{"en-xa"}) == "en-XA");
    BOOST_TEST(pw::negotiate_locale(V{"en-XB"}) == "en");
    BOOST_TEST(pw::negotiate_locale("xa") == "en");
    BOOST_TEST(pw::negotiate_locale("fr-CA-u-nu-latn") == "fr-CA");
    BOOST_TEST(pw::negotiate_locale("es-Latn-MX") == "es");
    BOOST_TEST(pw::negotiate_locale("en-XA-x-long") == "en");
}

BOOST_AUTO_TEST_CASE(accept_language_is_ordered_by_q) {
    using V = std::vector<std::string>;
    BOOST_TEST(pw::parse_accept_language("fr-CA,fr;q=0.9,en;q=0.8") == (V{"fr-CA", "fr", "en"}));
    BOOST_TEST(pw::parse_accept_language("en;q=0.5, es-MX ,de;q=0.7") == (V{"es-MX", "de", "en"}));
    BOOST_TEST(pw::parse_accept_language("da, en-gb;q=0.8, en;q=0.8") == (V{"da", "en-gb", "en"}));
    BOOST_TEST(pw::parse_accept_language("*, fr;q=0, es;q=0.1") == (V{"es"}));
    BOOST_TEST(pw::parse_accept_language("fr;q=abc, es;q=1.5, en") == (V{"en"}));
    BOOST_TEST(pw::parse_accept_language("").empty());
    BOOST_TEST(pw::negotiate_locale(pw::parse_accept_language("de-DE,de;q=0.9,es;q=0.8")) == "es");
    // Limits: a huge header is ignored, and only the first 32 tags are read.
    BOOST_TEST(pw::parse_accept_language(std::string(5000, 'a')).empty());
    std::string many;
    for (int i = 0; i < 40; ++i) many += "de,";
    many += "fr";
    BOOST_TEST(pw::parse_accept_language(many).size() == 32u);
}

// A client's stored language (the admin API, the portal's account page):
// only a supported locale, named exactly, in its canonical spelling.
BOOST_AUTO_TEST_CASE(a_stored_preference_is_a_supported_locale_named_exactly) {
    BOOST_TEST(pw::preference_locale("fr-CA") == "fr-CA");
    BOOST_TEST(pw::preference_locale("FR_ca") == "fr-CA");
    BOOST_TEST(pw::preference_locale("ES") == "es");
    BOOST_TEST(pw::preference_locale("en") == "en");
    BOOST_TEST(pw::preference_locale("es-MX") == "");  // negotiation is for browsers, not for what is stored
    BOOST_TEST(pw::preference_locale("de") == "");
    BOOST_TEST(pw::preference_locale("en-XA") == "");   // the pseudo-locale is for tests
    BOOST_TEST(pw::preference_locale("") == "");
    BOOST_TEST(pw::preference_locale(" fr") == "");
}

// The pages' and emails' sentences that hold a link or <strong> keep one
// message per language; a page's date is the catalogue's month names.
BOOST_AUTO_TEST_CASE(the_page_messages_say_dates_and_plurals_per_language) {
    BOOST_TEST(pw::text("en", "date.medium", {{"month", pw::text("en", "date.month_2")}, {"day", "10"}, {"year", "2025"}}) ==
               "Feb 10, 2025");
    BOOST_TEST(pw::text("fr", "date.medium", {{"month", pw::text("fr", "date.month_2")}, {"day", "10"}, {"year", "2025"}}) ==
               "10 févr. 2025");
    BOOST_TEST(pw::text("es", "date.month_12") == "dic");
    BOOST_TEST(pw::text("en", "account.password_hint", {{"count", "1"}}) == "At least 1 character.");
    BOOST_TEST(pw::text("fr", "account.password_hint", {{"count", "10"}}) == "Au moins 10 caractères.");
    BOOST_TEST(pw::text("es", "email.partial", {{"count", "2"}}) == "Puede pagar en hasta 2 pagos.");
    // fr-CA only where Canadian French differs; the rest falls back to fr.
    BOOST_TEST(pw::text("fr-CA", "account.email") == "Courriel");
    BOOST_TEST(pw::text("fr", "account.email") == "E-mail");
    BOOST_TEST(pw::text("fr-CA", "portal.nav_pending") == "Factures en attente");
    for (int m = 1; m <= 12; ++m)
        for (std::string_view l : {"en", "fr", "es"})
            BOOST_TEST(pw::find_message(l, "date.month_" + std::to_string(m)).has_value());
}
