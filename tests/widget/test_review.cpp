// The first screens a payer meets: loading, the invoice review with
// "Pay Now", and what the API says instead of an invoice (expired link,
// login required, nothing due). Also: the dark theme changes colors only.
#define BOOST_TEST_MODULE widget_review
#include <boost/test/unit_test.hpp>

#include "paywidget/bank_settlement.hpp"
#include "paywidget/messages.hpp"

#include "widget_steps.hpp"

using namespace pwtest;
using pw::Stage;

BOOST_AUTO_TEST_CASE(loading_shows_a_skeleton_and_asks_for_the_invoice) {
    HeadlessWidget w;
    w.start();
    BOOST_TEST(w.stage() == Stage::loading);
    BOOST_TEST(w.effects_of<pw::effect::FetchView>().size() == 1u);
    BOOST_TEST(w.find(Role::text, "Loading your invoice\xE2\x80\xA6") != nullptr, w.dump());
    for (const pwui::A11yItem& i : w.items()) BOOST_TEST((i.role == Role::text), "no control while loading: " + i.name);
}

BOOST_AUTO_TEST_CASE(review_exposes_the_invoice_and_pay_now) {
    HeadlessWidget w;
    w.load(sample_view(sample_invoice()));
    BOOST_TEST_REQUIRE(w.stage() == Stage::review);
    const pwui::A11yItem* who = w.find(Role::heading, "Dr. Ada Lovelace");
    BOOST_TEST_REQUIRE(who != nullptr, w.dump());
    BOOST_TEST(who->level == 1);
    BOOST_TEST(w.find(Role::heading, "Amount due: 200.00 USD") != nullptr, w.dump());
    BOOST_TEST(w.find_prefix(Role::text, "Invoice INV-0042") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::text, "Status: Open") != nullptr);
    BOOST_TEST(w.find(Role::text, "Due 2025-02-10") != nullptr);
    BOOST_TEST(w.find(Role::text, "Initial consultation: 150.00 USD") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::text, "Follow-up: 50.00 USD") != nullptr);
    BOOST_TEST(w.find(Role::text, "Total: 200.00 USD") != nullptr);
    BOOST_TEST(w.find(Role::text, "Balance due: 200.00 USD") != nullptr);
    const pwui::A11yItem* pay = w.find(Role::button, "Pay Now");
    BOOST_TEST_REQUIRE(pay != nullptr);
    BOOST_TEST(!pay->disabled);
    // No partial payments on this invoice: the note about them is absent.
    BOOST_TEST(!w.shows("pay part now"));
    const pwui::A11yItem* mail = w.find(Role::link, "ada@practice.example");
    BOOST_TEST_REQUIRE(mail != nullptr);
    BOOST_TEST(mail->extra == "mailto:ada@practice.example");
    const pwui::A11yItem* phone = w.find(Role::link, "+1 555 0100");
    BOOST_TEST_REQUIRE(phone != nullptr);
    BOOST_TEST(phone->extra == "tel:+15550100");
    BOOST_TEST(w.placed().empty(), "no text input on the review screen");
}

BOOST_AUTO_TEST_CASE(review_lists_payments_already_made_and_the_balance) {
    HeadlessWidget w;
    w.load(sample_view(sample_invoice(true, {pw::BankScheme::ach}, {6000})));
    BOOST_TEST(w.find(Role::heading, "Amount due: 140.00 USD") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::text, "Status: Partially paid") != nullptr);
    BOOST_TEST(w.find(Role::text, "Amount paid: 60.00 USD") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::text, "Balance due: 140.00 USD") != nullptr);
    BOOST_TEST(w.find_prefix(Role::text, "Paid 2025-01-12") != nullptr, w.dump());
}

// A bank debit still processing was submitted, not paid: its row says
// "Submitted", "Amount paid" leaves it out, the core's processing row shows
// it, and the pill reads "Processing" (issue 13 item 2).
BOOST_AUTO_TEST_CASE(review_tells_a_processing_debit_from_a_payment) {
    pw::Invoice inv = sample_invoice(true, {pw::BankScheme::ach}, {6000});
    inv.payments[0].processing = true;
    inv.payments[0].method = "US bank account \xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2\xE2\x80\xA2 6789";
    inv = pw::recompute_totals(inv).value;
    HeadlessWidget w;
    w.load(sample_view(inv));
    BOOST_TEST(w.find(Role::text, "Status: Partially paid") != nullptr, w.dump());
    BOOST_TEST(w.find_prefix(Role::text, "Submitted 2025-01-12") != nullptr, w.dump());
    BOOST_TEST(w.find_prefix(Role::text, "Paid 2025-01-12") == nullptr, w.dump());
    BOOST_TEST(w.find(Role::text, "Amount paid: 0.00 USD") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::text, std::string(pw::processing_total_label()) + ": 60.00 USD") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::text, "Balance due: 140.00 USD") != nullptr);
    // The rest, once covered by another processing debit: "Processing".
    inv.payments.push_back(inv.payments[0]);
    inv.payments[1].id = "pay_1";
    inv.payments[1].amount = 14000;
    inv = pw::recompute_totals(inv).value;
    HeadlessWidget covered;
    covered.load(sample_view(inv));
    BOOST_TEST_REQUIRE(covered.stage() == Stage::nothing_due, covered.dump());
    BOOST_TEST(covered.find(Role::text, "Status: Processing") != nullptr, covered.dump());
    BOOST_TEST(covered.find(Role::heading, "This invoice is paid") == nullptr, covered.dump());
    BOOST_TEST(covered.find(Role::heading, "Bank debit processing") != nullptr, covered.dump());
    BOOST_TEST(covered.find(Role::text, pw::processing_text("200.00 USD", 4)) != nullptr, covered.dump());
}

BOOST_AUTO_TEST_CASE(pay_now_by_mouse_click_on_the_canvas_moves_on) {
    HeadlessWidget w;
    w.load(sample_view(sample_invoice(false, {})));
    BOOST_TEST_REQUIRE(w.click(Role::button, "Pay Now"));
    // Card only, no partial: amount and method are skipped.
    BOOST_TEST(w.stage() == Stage::details, w.dump());
    BOOST_TEST(w.field("number") != nullptr);
}

BOOST_AUTO_TEST_CASE(paid_invoice_shows_nothing_due_and_no_pay_button) {
    HeadlessWidget w;
    w.load(sample_view(sample_invoice(false, {}, {20000})));
    BOOST_TEST_REQUIRE(w.stage() == Stage::nothing_due, w.dump());
    BOOST_TEST(w.find(Role::heading, "This invoice is paid") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::text, "Status: Paid") != nullptr);
    BOOST_TEST(w.find(Role::button, "Pay Now") == nullptr);
}

BOOST_AUTO_TEST_CASE(expired_link_says_so_and_who_to_ask) {
    HeadlessWidget w;
    w.start();
    w.respond(pw::ev::LoadFailed{link_expired_error()});
    BOOST_TEST_REQUIRE(w.stage() == Stage::link_expired);
    const pwui::A11yItem* title = w.find(Role::heading, "This payment link has expired");
    BOOST_TEST_REQUIRE(title != nullptr, w.dump());
    BOOST_TEST(title->level == 1);
    BOOST_TEST(w.find(Role::text, link_expired_error().message) != nullptr, w.dump());
    BOOST_TEST(w.find(Role::text, "Ask for a new payment link") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::link, "ada@practice.example") != nullptr);
    for (const pwui::A11yItem& i : w.items()) BOOST_TEST((i.role != Role::button), "no button: " + i.name);
    const std::vector<std::string> said = w.announcements();
    BOOST_TEST_REQUIRE(said.size() == 1u);
    BOOST_TEST(said.front() == link_expired_error().message);
}

BOOST_AUTO_TEST_CASE(login_required_offers_sign_in_to_the_portal) {
    HeadlessWidget w;
    w.start();
    w.respond(pw::ev::LoadFailed{login_required_error()});
    BOOST_TEST_REQUIRE(w.stage() == Stage::login_required);
    BOOST_TEST(w.find(Role::heading, "Sign in to pay this invoice") != nullptr, w.dump());
    BOOST_TEST(w.find(Role::text, login_required_error().message) != nullptr);
    BOOST_TEST(w.navigated_to().empty());
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Sign in"), w.dump());
    BOOST_TEST(w.navigated_to() == login_required_error().login_url);
}

BOOST_AUTO_TEST_CASE(load_failure_offers_try_again_which_fetches_again) {
    HeadlessWidget w;
    w.start();
    pw::ApiError e;
    e.code = "network_error";
    // The checkout's own message for a request that got no answer (the catalogue's).
    e.message = pw::text("en", "error.network_error");
    w.respond(pw::ev::LoadFailed{e});
    BOOST_TEST_REQUIRE(w.stage() == Stage::load_failed);
    BOOST_TEST(w.find(Role::text, e.message) != nullptr, w.dump());
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Try again"), w.dump());
    BOOST_TEST(w.stage() == Stage::loading);
    BOOST_TEST(w.effects_of<pw::effect::FetchView>().size() == 2u);
}

// Same screens, same items (ids, roles, names, states, rects): a theme is
// colors, never content or layout.
BOOST_AUTO_TEST_CASE(dark_theme_changes_no_item) {
    auto walk = [](const std::string& theme) {
        std::vector<std::vector<pwui::A11yItem>> seen;
        std::vector<std::vector<pwui::PlacedField>> fields;
        WidgetOptions options;
        options.theme = theme;
        HeadlessWidget w(options);
        w.load(sample_view(sample_invoice(true)));
        seen.push_back(w.items());
        BOOST_TEST_REQUIRE(w.activate(Role::button, "Pay Now"));
        BOOST_TEST_REQUIRE(w.activate_id("pay-part"));
        w.type("amount", "10");
        seen.push_back(w.items());
        fields.push_back(w.placed());
        return std::make_pair(seen, fields);
    };
    const auto light = walk("light");
    const auto dark = walk("dark");
    BOOST_TEST_REQUIRE(light.first.size() == dark.first.size());
    for (std::size_t s = 0; s < light.first.size(); ++s) {
        const auto& a = light.first[s];
        const auto& b = dark.first[s];
        BOOST_TEST_REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            BOOST_TEST(a[i].id == b[i].id);
            BOOST_TEST(a[i].name == b[i].name);
            BOOST_TEST((a[i].role == b[i].role));
            BOOST_TEST(a[i].disabled == b[i].disabled);
            BOOST_TEST(a[i].checked == b[i].checked);
            BOOST_TEST((a[i].rect == b[i].rect), a[i].id + " moved: " + describe(a[i].rect) + " vs " + describe(b[i].rect));
        }
    }
    BOOST_TEST_REQUIRE(light.second.front().size() == dark.second.front().size());
    for (std::size_t i = 0; i < light.second.front().size(); ++i)
        BOOST_TEST((light.second.front()[i].rect == dark.second.front()[i].rect));
}
