// Layout from a 320 px phone to a 720 px frame: on every screen each DOM
// input and each mirror item lies inside the widget's column (nothing
// overflows), no two mirror items or inputs overlap, the mirror lists items
// in visual (Tab) order, and each screen settles (no frame loop forever).
// In every language (en, fr, es and the pseudo-locale en-XA, 40 % longer):
// every text run the canvas draws also stays inside the column, so a
// longer translation wraps instead of running out of its box or being cut.
#define BOOST_TEST_MODULE widget_layout
#include <boost/test/unit_test.hpp>

#include <functional>
#include <utility>

#include "screen_walk.hpp"

using namespace pwtest;
using pw::Stage;

namespace {

// The column wasm/screens/widget.cpp lays out in: 20 px gutters under 400 px,
// 24 px from there, never wider than 560 px, centred.
std::pair<float, float> column(float width) {
    const float gutter = width < 400 ? 20.0f : 24.0f;
    const float w = std::min(560.0f, width - 2 * gutter);
    return {std::floor((width - w) * 0.5f), w};
}

void check_screen(const HeadlessWidget& w, float width, const std::string& screen, const std::string& locale = "en") {
    BOOST_TEST_CONTEXT(screen << " at " << width << " px in " << locale) {
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
        // No text runs past the column: a label too long for its line wraps
        // (a run wider than its box would be cut off by the frame).
        for (const pwui::DrawnText& run : pwui::drawn_text().runs()) {
            BOOST_TEST(run.rect.x >= left - eps, "\"" << run.text << "\" starts left of the column: " << describe(run.rect));
            BOOST_TEST(run.rect.x + run.rect.w <= left + col + eps,
                       "\"" << run.text << "\" runs out of the column: " << describe(run.rect));
        }
        // Inputs and text stay legible at this width.
        for (const pwui::PlacedField& f : w.placed()) BOOST_TEST(f.rect.w >= 60.0f, f.spec.id << " too narrow");
    }
}

// Walks every screen of the flow at `width` in `locale`, checking each.
void walk_all_screens(float width, const std::string& locale = "en") {
    WidgetOptions o;
    o.width = width;
    o.locale = locale;
    walk_every_screen(o, [width, locale](const HeadlessWidget& w, const std::string& screen) {
        check_screen(w, width, screen, locale);
    });
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_screen_fits_a_320_px_phone) { walk_all_screens(320); }

BOOST_AUTO_TEST_CASE(every_screen_fits_a_720_px_frame) { walk_all_screens(720); }

BOOST_AUTO_TEST_CASE(every_screen_fits_in_french) {
    walk_all_screens(320, "fr");
    walk_all_screens(720, "fr");
}

BOOST_AUTO_TEST_CASE(every_screen_fits_in_spanish) {
    walk_all_screens(320, "es");
    walk_all_screens(720, "es");
}

BOOST_AUTO_TEST_CASE(every_screen_fits_the_long_pseudo_locale) {
    walk_all_screens(320, "en-XA");
    walk_all_screens(720, "en-XA");
}

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
