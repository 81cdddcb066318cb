// The new-card form: real DOM inputs with the browser's autocomplete
// tokens, live brand and grouping, per-field errors from the core once the
// payer leaves a field, and a Submit button that stays disabled until every
// field is valid.
#define BOOST_TEST_MODULE widget_card
#include <boost/test/unit_test.hpp>

#include "widget_steps.hpp"

using namespace pwtest;
using pw::Stage;

namespace {
void to_card_form(HeadlessWidget& w) {
    w.load(sample_view(sample_invoice(false, {})));
    go_to_card_form(w);
}
}  // namespace

BOOST_AUTO_TEST_CASE(card_inputs_carry_labels_and_autocomplete_tokens) {
    HeadlessWidget w;
    to_card_form(w);
    BOOST_TEST(w.find(Role::heading, "Card details") != nullptr);
    struct Expect { const char* id; const char* label; const char* autocomplete; const char* inputmode; };
    const Expect expected[] = {{"number", "Card number", "cc-number", "numeric"},
                               {"exp", "Expiry (MM / YY)", "cc-exp", "numeric"},
                               {"cvc", "Security code", "cc-csc", "numeric"},
                               {"name", "Name on card", "cc-name", ""},
                               {"postal_code", "Postal code", "postal-code", ""}};
    for (const Expect& e : expected) {
        const pwui::PlacedField* f = w.field(e.id);
        BOOST_TEST_REQUIRE(f != nullptr, e.id);
        BOOST_TEST(f->spec.label == e.label);
        BOOST_TEST(f->spec.autocomplete == e.autocomplete);
        BOOST_TEST(f->spec.inputmode == e.inputmode);
        BOOST_TEST(!f->disabled);
        BOOST_TEST(!f->invalid);
        BOOST_TEST(f->rect.h >= 44.0f, "a comfortable touch target");
    }
    // Link session: saving a card is a portal feature.
    BOOST_TEST(w.find_id("save-method") == nullptr);
}

BOOST_AUTO_TEST_CASE(submit_stays_disabled_until_every_field_is_valid) {
    HeadlessWidget w;
    to_card_form(w);
    BOOST_TEST_REQUIRE(submit_button(w) != nullptr);
    // The button says how much; while disabled, the text it points to says
    // what is still missing.
    BOOST_TEST(submit_button(w)->name == "Pay 200.00 USD");  // Intl formats it in the browser
    auto reason = [&w]() -> std::string {
        const pwui::A11yItem* b = submit_button(w);
        if (!b->disabled) return b->extra.empty() ? "(enabled)" : "(enabled, yet described)";
        const pwui::A11yItem* t = w.find_id(b->extra);
        return t ? t->name : "(no description)";
    };
    BOOST_TEST(submit_button(w)->disabled);
    BOOST_TEST(reason() ==
               "Enter the card number, expiry date, security code, name on the card and ZIP or postal code to pay.");
    BOOST_TEST(w.type("number", "4242424242424242"));
    BOOST_TEST(reason() == "Enter the expiry date, security code, name on the card and ZIP or postal code to pay.");
    BOOST_TEST(w.type("exp", "12/34"));
    BOOST_TEST(w.type("cvc", "123"));
    BOOST_TEST(w.type("name", "Grace Hopper"));
    BOOST_TEST(reason() == "Enter the ZIP or postal code to pay.");
    // The postal code is required too.
    BOOST_TEST(w.type("postal_code", "94107"));
    BOOST_TEST(reason() == "(enabled)", w.dump());
    // A field in error is named once nothing is empty.
    BOOST_TEST(w.type("exp", "13/34"));
    BOOST_TEST(reason() == "Check the expiry date to pay.");
    BOOST_TEST(w.type("exp", "12/34"));
    BOOST_TEST(!submit_button(w)->disabled, w.dump());
    BOOST_TEST(w.activate_id("submit"));
    BOOST_TEST(w.stage() == Stage::submitting);
}

BOOST_AUTO_TEST_CASE(a_disabled_submit_cannot_be_activated) {
    HeadlessWidget w;
    to_card_form(w);
    w.type("number", "4242424242424242");
    BOOST_TEST(!w.activate_id("submit"));
    pwui::a11y_mirror().on_activate("submit");  // even if something sent it anyway
    w.settle();
    BOOST_TEST(w.stage() == Stage::details);
    BOOST_TEST(w.effects_of<pw::effect::RequestToken>().empty());
}

BOOST_AUTO_TEST_CASE(number_is_grouped_and_the_brand_shown_as_typed) {
    HeadlessWidget w;
    to_card_form(w);
    const float plain_width = w.field("number")->rect.w;
    w.type("number", "4242424242424242");
    BOOST_TEST(w.value("number") == "4242 4242 4242 4242");
    // The brand mark takes room inside the field: the DOM input stops before it.
    const float visa_width = w.field("number")->rect.w;
    BOOST_TEST(visa_width < plain_width);
    // ...and screen readers are told the brand as well.
    BOOST_TEST(w.find(pwui::Role::text, "Card number: Visa") != nullptr);
    w.type("number", "378282246310005");
    BOOST_TEST(w.value("number") == "3782 822463 10005", "Amex groups 4-6-5");
    BOOST_TEST(w.field("number")->rect.w < visa_width, "\"American Express\" is wider than \"Visa\"");
    BOOST_TEST(w.find(pwui::Role::text, "Card number: American Express") != nullptr);
    BOOST_TEST(w.find(pwui::Role::text, "Card number: Visa") == nullptr);
    BOOST_TEST(w.state().details.card.number == "3782 822463 10005");
}

BOOST_AUTO_TEST_CASE(a_co_branded_card_shows_the_brand_on_the_card_not_its_network) {
    HeadlessWidget w;
    to_card_form(w);
    w.type("number", "4029180000000009");  // Naranja, routed by Visa
    BOOST_TEST(w.value("number") == "4029 1800 0000 0009");
    BOOST_TEST(w.find(pwui::Role::text, "Card number: Naranja") != nullptr);
    BOOST_TEST(w.find(pwui::Role::text, "Card number: Visa") == nullptr);
    w.type("number", "6500520000000009");  // Troy, inside Discover's 65
    BOOST_TEST(w.find(pwui::Role::text, "Card number: Troy") != nullptr);
    BOOST_TEST(w.find(pwui::Role::text, "Card number: Discover") == nullptr);
}

BOOST_AUTO_TEST_CASE(expiry_is_formatted_as_typed) {
    HeadlessWidget w;
    to_card_form(w);
    w.type("exp", "1234");
    BOOST_TEST(w.value("exp") == "12 / 34");
    w.type("exp", "4");
    BOOST_TEST(w.value("exp") == "04 / ");
    // Pasted forms the core reads are shown the same way (pw::format_card_expiry).
    w.type("exp", "837");
    BOOST_TEST(w.value("exp") == "08 / 37");
    w.type("exp", "112033");
    BOOST_TEST(w.value("exp") == "11 / 2033");
    BOOST_TEST(w.state().details.card.exp == "11 / 2033");
}

BOOST_AUTO_TEST_CASE(luhn_error_appears_once_the_field_is_left) {
    HeadlessWidget w;
    to_card_form(w);
    w.type("number", "4242 4242 4242 4241");  // one digit off: fails Luhn
    w.blur("number");
    const pwui::PlacedField* f = w.field("number");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST(f->invalid, w.dump());
    const pwui::A11yItem* err = w.find_id("number-error");
    BOOST_TEST_REQUIRE(err != nullptr, w.dump());
    BOOST_TEST(!err->name.empty());
    BOOST_TEST(err->rect.y >= f->rect.y + f->rect.h, "the error sits under its field");
    BOOST_TEST(submit_button(w)->disabled);
    // Fixed: the error goes away.
    w.type("number", "4242 4242 4242 4242");
    w.blur("number");
    BOOST_TEST(!w.field("number")->invalid);
    BOOST_TEST(w.find_id("number-error") == nullptr);
}

BOOST_AUTO_TEST_CASE(no_error_while_typing_a_number_that_can_still_become_valid) {
    HeadlessWidget w;
    to_card_form(w);
    w.type("number", "4242 42");
    BOOST_TEST(!w.field("number")->invalid, w.dump());
    BOOST_TEST(w.find_id("number-error") == nullptr);
}

BOOST_AUTO_TEST_CASE(expired_card_date_is_an_error_after_leaving_the_field) {
    HeadlessWidget w;
    to_card_form(w);
    w.type("exp", "01/20");
    w.blur("exp");
    BOOST_TEST(w.field("exp")->invalid, w.dump());
    BOOST_TEST(w.find_id("exp-error") != nullptr);
    BOOST_TEST(!w.field("cvc")->invalid, "the neighbour is not blamed");
}

BOOST_AUTO_TEST_CASE(expiry_is_judged_by_the_servers_date_in_the_view) {
    // The sample view says today is 2025-01-15, whatever the machine's clock.
    HeadlessWidget w;
    to_card_form(w);
    w.type("exp", "02/25");
    w.blur("exp");
    BOOST_TEST(!w.field("exp")->invalid, w.dump());
    w.type("exp", "12/24");
    w.blur("exp");
    BOOST_TEST(w.field("exp")->invalid, w.dump());
}

BOOST_AUTO_TEST_CASE(portal_session_offers_to_save_the_card) {
    HeadlessWidget w;
    w.load(sample_view(sample_invoice(false, {}), pw::SessionKind::portal));
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Pay Now"));
    BOOST_TEST_REQUIRE(w.activate(Role::radio, "Credit or debit card"), w.dump());
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Continue"));
    const pwui::A11yItem* save = w.find(Role::checkbox, "Save this card for future payments");
    BOOST_TEST_REQUIRE(save != nullptr, w.dump());
    BOOST_TEST(!save->checked);
    BOOST_TEST_REQUIRE(w.activate(Role::checkbox, "Save this card for future payments"));
    BOOST_TEST(w.find(Role::checkbox, "Save this card for future payments")->checked);
    BOOST_TEST(w.state().save_method);
}
