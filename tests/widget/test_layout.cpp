// Layout from a 320 px phone to a 720 px frame: on every screen each DOM
// input and each mirror item lies inside the widget's column (nothing
// overflows), no two mirror items or inputs overlap, the mirror lists items
// in visual (Tab) order, and each screen settles (no frame loop forever).
#define BOOST_TEST_MODULE widget_layout
#include <boost/test/unit_test.hpp>

#include <functional>
#include <utility>

#include "widget_steps.hpp"

using namespace pwtest;
using pw::Stage;
namespace fx = pw::effect;

namespace {

// The column wasm/widget.cpp lays out in: 20 px gutters under 400 px,
// 24 px from there, never wider than 560 px, centred.
std::pair<float, float> column(float width) {
    const float gutter = width < 400 ? 20.0f : 24.0f;
    const float w = std::min(560.0f, width - 2 * gutter);
    return {std::floor((width - w) * 0.5f), w};
}

void check_screen(const HeadlessWidget& w, float width, const std::string& screen) {
    BOOST_TEST_CONTEXT(screen << " at " << width << " px") {
        const auto [left, col] = column(width);
        const float eps = 0.5f;
        // The back link's hit area reaches 4 px into the gutter on purpose.
        const float slack = 4.0f;
        std::vector<std::pair<std::string, pwui::Rect>> boxes;
        for (const pwui::A11yItem& i : w.items()) boxes.emplace_back(i.id, i.rect);
        for (const pwui::PlacedField& f : w.placed()) boxes.emplace_back("input " + f.spec.id, f.rect);
        BOOST_TEST(!boxes.empty());
        for (const auto& [id, r] : boxes) {
            BOOST_TEST(r.x >= left - slack - eps, id << " starts left of the column: " << describe(r));
            BOOST_TEST(r.x + r.w <= left + col + eps, id << " overflows the column: " << describe(r));
            BOOST_TEST(r.w > 0.0f, id << " has no width");
            BOOST_TEST(r.y + r.h <= w.content_height() + eps, id << " below the reported height");
        }
        for (std::size_t a = 0; a < boxes.size(); ++a)
            for (std::size_t b = a + 1; b < boxes.size(); ++b)
                BOOST_TEST(!overlaps(boxes[a].second, boxes[b].second),
                           boxes[a].first << " " << describe(boxes[a].second) << " overlaps " << boxes[b].first
                                          << " " << describe(boxes[b].second));
        // Tab order = visual order: each item is below the previous one, or
        // to its right on the same row.
        const auto& items = w.items();
        for (std::size_t i = 1; i < items.size(); ++i) {
            const pwui::Rect& p = items[i - 1].rect;
            const pwui::Rect& c = items[i].rect;
            const bool below = c.y + eps >= p.y + p.h;
            const bool right = c.x + eps >= p.x + p.w && c.y < p.y + p.h;
            BOOST_TEST((below || right), items[i].id << " comes after " << items[i - 1].id << " but is drawn before it");
        }
        // Inputs and text stay legible at this width.
        for (const pwui::PlacedField& f : w.placed()) BOOST_TEST(f.rect.w >= 60.0f, f.spec.id << " too narrow");
    }
}

// Walks every screen of the flow at `width`, checking each.
void walk_all_screens(float width) {
    WidgetOptions o;
    o.width = width;
    {
        HeadlessWidget w(o);
        w.start();
        check_screen(w, width, "loading");
        w.respond(pw::ev::Loaded{sample_view(sample_invoice(true, {pw::BankScheme::ach, pw::BankScheme::pad}))});
        BOOST_TEST(w.settle());
        check_screen(w, width, "review");
        BOOST_TEST_REQUIRE(w.activate(Role::button, "Pay Now"));
        check_screen(w, width, "amount");
        BOOST_TEST_REQUIRE(w.activate_id("pay-part"));
        w.type("amount", "1");
        w.blur("amount");
        BOOST_TEST(w.field("amount")->invalid);
        check_screen(w, width, "amount with error");
        w.type("amount", "60");
        check_screen(w, width, "amount valid partial");
        BOOST_TEST_REQUIRE(w.activate(Role::button, "Continue"));
        check_screen(w, width, "method");
        BOOST_TEST_REQUIRE(w.activate(Role::radio, "US bank account (ACH)"));
        BOOST_TEST_REQUIRE(w.activate(Role::button, "Continue"));
        w.type("routing_number", "123");
        w.blur("routing_number");
        check_screen(w, width, "ACH form");
        BOOST_TEST_REQUIRE(w.activate(Role::button, "Back"));
        BOOST_TEST_REQUIRE(w.activate(Role::radio, "Canadian bank account (PAD)"));
        BOOST_TEST_REQUIRE(w.activate(Role::button, "Continue"));
        BOOST_TEST(w.field("transit_number") != nullptr, w.dump());
        check_screen(w, width, "PAD form");
        BOOST_TEST_REQUIRE(w.activate(Role::button, "Back"));
        BOOST_TEST_REQUIRE(w.activate(Role::radio, "Credit or debit card"));
        BOOST_TEST_REQUIRE(w.activate(Role::button, "Continue"));
        w.type("number", "4242 4242 4242 4241");
        w.type("exp", "01/20");
        w.type("cvc", "1");
        w.blur("cvc");
        check_screen(w, width, "card form with errors");
        fill_card(w, "3782 822463 10005", "12/34", "1234");
        check_screen(w, width, "card form, Amex");
        BOOST_TEST_REQUIRE(w.activate_id("submit"));
        check_screen(w, width, "submitting");
        w.respond(pw::ev::TokenCreated{card_token("tok_1", "amex", "0005")});
        const fx::SendPayment sent = w.effects_of<fx::SendPayment>().back();
        w.respond(pw::ev::PaymentDone{
            payment_response(sent, pw::PaymentStatus::declined, 20000, 2, "amex", "0005", "incorrect_cvc")});
        check_screen(w, width, "declined");
        const fx::SendPayment again = submit_and_tokenize(w, "0005");
        w.respond(pw::ev::NoResponse{});
        check_screen(w, width, "failed, no response");
        BOOST_TEST_REQUIRE(w.activate(Role::button, "Retry"));
        w.respond(pw::ev::PaymentDone{payment_response(again, pw::PaymentStatus::succeeded, 14000, 1, "amex", "0005")});
        BOOST_TEST(w.settle());
        check_screen(w, width, "succeeded, partial");
    }
    {
        HeadlessWidget w(o);
        w.start();
        w.respond(pw::ev::LoadFailed{link_expired_error()});
        check_screen(w, width, "link expired");
    }
    {
        HeadlessWidget w(o);
        w.start();
        w.respond(pw::ev::LoadFailed{login_required_error()});
        check_screen(w, width, "login required");
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_screen_fits_a_320_px_phone) { walk_all_screens(320); }

BOOST_AUTO_TEST_CASE(every_screen_fits_a_720_px_frame) { walk_all_screens(720); }

BOOST_AUTO_TEST_CASE(column_is_centred_and_capped_at_720_px) {
    WidgetOptions o;
    o.width = 720;
    HeadlessWidget w(o);
    w.load(sample_view(sample_invoice(false, {})));
    const pwui::A11yItem* pay = w.find(Role::button, "Pay Now");
    BOOST_TEST_REQUIRE(pay != nullptr);
    BOOST_TEST(pay->rect.w == 560.0f);
    BOOST_TEST(pay->rect.x == 80.0f);
    go_to_card_form(w);
    BOOST_TEST(w.field("postal_code")->rect.w == 560.0f);
    BOOST_TEST(w.field("exp")->rect.y == w.field("cvc")->rect.y, "expiry and CVC side by side");
}

BOOST_AUTO_TEST_CASE(long_names_wrap_instead_of_overflowing_at_320_px) {
    WidgetOptions o;
    o.width = 320;
    HeadlessWidget w(o);
    pw::Invoice inv = sample_invoice(false, {});
    inv.practitioner.name = "Northwestern Integrative Physiotherapy and Sports Rehabilitation Associates";
    inv.items[0].description = "Comprehensive initial musculoskeletal assessment with extended treatment plan";
    w.load(sample_view(inv));
    BOOST_TEST_REQUIRE(w.stage() == Stage::review);
    check_screen(w, 320, "review with long names");
    const pwui::A11yItem* who = w.find(Role::heading, inv.practitioner.name);
    BOOST_TEST_REQUIRE(who != nullptr);
    BOOST_TEST(who->rect.h > 20.0f, "the name wraps onto several lines");
}
