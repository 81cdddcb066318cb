// Target sizes (WCAG 2.2, 2.5.8): on every screen, at a phone's width and a
// frame's, every control a pointer can hit (button, link, radio, checkbox
// in the mirror; every DOM text input) is at least 24 x 24 CSS px, and the
// screen's primary action is 44 px tall or more (a thumb on a touch screen).
#define BOOST_TEST_MODULE widget_targets
#include <boost/test/unit_test.hpp>

#include <string>

#include "screen_walk.hpp"
#include "ui.hpp"

using namespace pwtest;

namespace {

constexpr float kTouchPrimary = 44;

bool is_control(pwui::Role r) {
    return r == pwui::Role::button || r == pwui::Role::link || r == pwui::Role::radio || r == pwui::Role::checkbox;
}

void check_targets(float width) {
    WidgetOptions o;
    o.width = width;
    walk_every_screen(o, [width](const HeadlessWidget& w, const std::string& screen) {
        BOOST_TEST_CONTEXT(screen << " at " << width << " px") {
            int primaries = 0;
            for (const pwui::A11yItem& i : w.items()) {
                if (!is_control(i.role)) continue;
                BOOST_TEST(i.rect.w >= pwui::kMinTarget, i.id << " '" << i.name << "' " << describe(i.rect));
                BOOST_TEST(i.rect.h >= pwui::kMinTarget, i.id << " '" << i.name << "' " << describe(i.rect));
                if (i.primary) {
                    ++primaries;
                    BOOST_TEST(i.rect.h >= kTouchPrimary, "primary " << i.id << " " << describe(i.rect));
                }
            }
            for (const pwui::PlacedField& f : w.placed()) {
                BOOST_TEST(f.rect.w >= pwui::kMinTarget, "input " << f.spec.id << " " << describe(f.rect));
                BOOST_TEST(f.rect.h >= kTouchPrimary, "input " << f.spec.id << " " << describe(f.rect));
            }
            BOOST_TEST(primaries <= 1, "one primary action per screen");
        }
    });
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_target_at_320_px) { check_targets(320); }

BOOST_AUTO_TEST_CASE(every_target_at_720_px) { check_targets(720); }

BOOST_AUTO_TEST_CASE(links_are_targets_not_just_text) {
    // The contact links were as tall as their text (15 px): the target now
    // grows around the text, which stays where the eye expects it.
    HeadlessWidget w;
    w.load(sample_view(sample_invoice()));
    const pwui::A11yItem* mail = w.find_id("contact-email");
    BOOST_TEST_REQUIRE(mail != nullptr, w.dump());
    BOOST_TEST(mail->rect.h >= pwui::kMinTarget);
    bool drawn_inside = false;
    for (const pwui::DrawnText& run : w.drawn_text())
        if (run.labels == "contact-email")
            drawn_inside = run.rect.y >= mail->rect.y && run.rect.y + run.rect.h <= mail->rect.y + mail->rect.h;
    BOOST_TEST(drawn_inside, w.dump());
    const pwui::A11yItem* pay = w.find(Role::button, "Pay Now");
    BOOST_TEST_REQUIRE(pay != nullptr);
    BOOST_TEST(pay->primary);
}
