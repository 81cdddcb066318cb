// Steps the widget suites share: walking a HeadlessWidget to a screen the
// way a payer would (mirror activations and typing only), and the geometry
// checks. Header-only; include after <boost/test/unit_test.hpp>.
#pragma once

#include <ostream>
#include <string>

#include "headless_widget.hpp"
#include "sample_link_view.hpp"

namespace pw {
// So that BOOST_TEST(w.stage() == Stage::x) names the stage on failure.
inline std::ostream& operator<<(std::ostream& o, Stage s) { return o << stage_id(s); }
}  // namespace pw

namespace pwtest {

using pwui::Role;

// Review -> (amount: pay in full) -> (method: new card) -> the card form.
inline void go_to_card_form(HeadlessWidget& w) {
    BOOST_TEST_REQUIRE(w.activate(Role::button, "Pay Now"), w.dump());
    if (w.stage() == pw::Stage::amount) BOOST_TEST_REQUIRE(w.activate(Role::button, "Continue"), w.dump());
    if (w.stage() == pw::Stage::method) {
        BOOST_TEST_REQUIRE(w.activate(Role::radio, "Credit or debit card"), w.dump());
        BOOST_TEST_REQUIRE(w.activate(Role::button, "Continue"), w.dump());
    }
    BOOST_TEST_REQUIRE(w.stage() == pw::Stage::details, w.dump());
    BOOST_TEST_REQUIRE(w.field("number") != nullptr, w.dump());
}

// Types a complete card as a payer would (Tab between fields).
inline void fill_card(HeadlessWidget& w, const std::string& number, const std::string& exp = "12/34",
                      const std::string& cvc = "123", const std::string& name = "Grace Hopper",
                      const std::string& postal = "94107") {
    BOOST_TEST_REQUIRE(w.type("number", number));
    BOOST_TEST_REQUIRE(w.type("exp", exp));
    BOOST_TEST_REQUIRE(w.type("cvc", cvc));
    BOOST_TEST_REQUIRE(w.type("name", name));
    BOOST_TEST_REQUIRE(w.type("postal_code", postal));
    w.blur("postal_code");
}

// Submit, then the token arrives: returns the SendPayment the widget made.
inline pw::effect::SendPayment submit_and_tokenize(HeadlessWidget& w, const std::string& last4 = "4242") {
    const std::size_t sends_before = w.effects_of<pw::effect::SendPayment>().size();
    BOOST_TEST_REQUIRE(w.activate_id("submit"), w.dump());
    BOOST_TEST_REQUIRE(w.stage() == pw::Stage::submitting);
    w.respond(pw::ev::TokenCreated{card_token("tok_" + last4, "visa", last4)});
    const auto sends = w.effects_of<pw::effect::SendPayment>();
    BOOST_TEST_REQUIRE(sends.size() == sends_before + 1);
    return sends.back();
}

// The submit button as the mirror exposes it.
inline const pwui::A11yItem* submit_button(const HeadlessWidget& w) { return w.find_id("submit"); }

inline bool overlaps(const pwui::Rect& a, const pwui::Rect& b) {
    const float eps = 0.5f;  // touching edges are fine
    return a.x + eps < b.x + b.w && b.x + eps < a.x + a.w && a.y + eps < b.y + b.h && b.y + eps < a.y + a.h;
}

inline std::string describe(const pwui::Rect& r) {
    return std::to_string(r.x) + "," + std::to_string(r.y) + " " + std::to_string(r.w) + "x" + std::to_string(r.h);
}

}  // namespace pwtest
