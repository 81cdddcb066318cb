// Readability on the canvas, where axe cannot look: every text run every
// screen draws, in both themes and with an embedder's accent, is at least
// 14 CSS px (16 px for a control's label), and its colour on the ground
// under it is a pair of theme.hpp's text_pairs() with a WCAG contrast of at
// least 4.5:1. (tests/e2e/widget.test.mjs measures the same on the pixels.)
#define BOOST_TEST_MODULE widget_readability
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "screen_walk.hpp"
#include "theme.hpp"
#include "ui.hpp"

using namespace pwtest;

namespace {

std::string hex(ImU32 c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", (c >> IM_COL32_R_SHIFT) & 255, (c >> IM_COL32_G_SHIFT) & 255,
                  (c >> IM_COL32_B_SHIFT) & 255);
    return buf;
}

ImU32 rgb(unsigned v) { return IM_COL32((v >> 16) & 255, (v >> 8) & 255, v & 255, 255); }

bool is_control(pwui::Role r) {
    return r == pwui::Role::button || r == pwui::Role::link || r == pwui::Role::radio || r == pwui::Role::checkbox;
}

void check_pairs(const pwui::Theme& t, const std::string& which) {
    for (const pwui::TextOnGround& p : pwui::text_pairs(t))
        BOOST_TEST(pwui::contrast_ratio(p.text, p.ground) >= pwui::kMinTextContrast,
                   which << ": " << p.name << " (" << hex(p.text) << " on " << hex(p.ground) << ") is "
                         << pwui::contrast_ratio(p.text, p.ground) << ":1");
}

// Every run drawn on every screen: big enough, and a listed pair.
void check_screens(const nlohmann::json& options, float width) {
    WidgetOptions o;
    o.width = width;
    o.theme_options = options;
    const pwui::Theme theme = pwui::theme_from_options(options);
    const std::vector<pwui::TextOnGround> pairs = pwui::text_pairs(theme);
    walk_every_screen(o, [&](const HeadlessWidget& w, const std::string& screen) {
        BOOST_TEST_CONTEXT(screen << " at " << width << " px, options " << options.dump()) {
            if (w.stage() != pw::Stage::loading) BOOST_TEST(!w.drawn_text().empty());  // the skeleton has none
            for (const pwui::DrawnText& run : w.drawn_text()) {
                BOOST_TEST(run.size >= pwui::kSecondaryPx, "'" << run.text << "' is " << run.size << " px");
                const pwui::A11yItem* control = run.labels.empty() ? nullptr : w.find_id(run.labels);
                if (control && is_control(control->role))
                    BOOST_TEST(run.size >= pwui::kBodyPx, "label '" << run.text << "' is " << run.size << " px");
                bool listed = false;
                for (const pwui::TextOnGround& p : pairs)
                    if (p.text == run.color && p.ground == run.ground) listed = true;
                BOOST_TEST(listed, "'" << run.text << "' is drawn " << hex(run.color) << " on " << hex(run.ground)
                                       << ", a pair text_pairs() does not list");
                BOOST_TEST(pwui::contrast_ratio(run.color, run.ground) >= pwui::kMinTextContrast,
                           "'" << run.text << "' " << hex(run.color) << " on " << hex(run.ground));
            }
        }
    });
}

}  // namespace

BOOST_AUTO_TEST_CASE(contrast_ratio_is_wcag_relative_luminance) {
    BOOST_TEST(pwui::contrast_ratio(rgb(0x000000), rgb(0xffffff)) == 21.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(pwui::contrast_ratio(rgb(0xffffff), rgb(0x000000)) == 21.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(pwui::contrast_ratio(rgb(0x5e6577), rgb(0x5e6577)) == 1.0, boost::test_tools::tolerance(1e-9));
    // The well-known edge: #767676 is the lightest grey that passes on white.
    BOOST_TEST(pwui::contrast_ratio(rgb(0x767676), rgb(0xffffff)) >= 4.5);
    BOOST_TEST(pwui::contrast_ratio(rgb(0x777777), rgb(0xffffff)) < 4.5);
    BOOST_TEST(pwui::contrast_ratio(rgb(0x777777), rgb(0xffffff)) == 4.48, boost::test_tools::tolerance(0.01));
}

BOOST_AUTO_TEST_CASE(every_listed_pair_reads_at_4_5_to_1) {
    check_pairs(pwui::light_theme(), "light");
    check_pairs(pwui::dark_theme(), "dark");
    BOOST_TEST(pwui::text_pairs(pwui::light_theme()).size() >= 20u);
    // The old muted grey on the old secondary ground would not do.
    pwui::Theme pale = pwui::light_theme();
    pale.text_muted = rgb(0x9aa0ac);
    bool caught = false;
    for (const pwui::TextOnGround& p : pwui::text_pairs(pale))
        if (pwui::contrast_ratio(p.text, p.ground) < pwui::kMinTextContrast) caught = true;
    BOOST_TEST(caught, "a pale muted text would be listed and fail");
}

BOOST_AUTO_TEST_CASE(an_embedders_accent_is_adjusted_until_it_reads) {
    // Too light for white text and links on white; too dark on the dark
    // background; a mid grey that fails both ways by a little.
    for (const char* theme : {"light", "dark"})
        for (const char* accent : {"#ffd400", "#7fdbff", "#1b1f3b", "#808080", "#000000", "#ffffff", "#635bff"}) {
            const pwui::Theme t = pwui::theme_from_options({{"theme", theme}, {"accent", accent}});
            check_pairs(t, std::string(theme) + " with accent " + accent);
        }
    // A readable accent is kept as given.
    ImU32 given = 0;
    BOOST_TEST_REQUIRE(pwui::parse_hex_color("#3c33b8", given));
    BOOST_TEST(pwui::theme_from_options({{"accent", "#3c33b8"}}).accent == given);
}

BOOST_AUTO_TEST_CASE(font_scale_never_shrinks_text_below_the_minimum) {
    BOOST_TEST(pwui::theme_from_options({{"font_scale", 0.8}}).font_scale == 1.0f);
    BOOST_TEST(pwui::theme_from_options({{"font_scale", "0.9"}}).font_scale == 1.0f);
    BOOST_TEST(pwui::theme_from_options({{"font_scale", 1.25}}).font_scale == 1.25f);
    check_screens({{"theme", "light"}, {"font_scale", 0.8}}, 360);
}

BOOST_AUTO_TEST_CASE(display_options_given_as_text_are_read_as_plain_decimals) {
    // The loader passes options in the frame's query: strings.
    BOOST_TEST(pwui::theme_from_options({{"font_scale", "1.25"}}).font_scale == 1.25f);
    BOOST_TEST(pwui::theme_from_options({{"font_scale", "1.5"}}).font_scale == 1.5f);
    BOOST_TEST(pwui::theme_from_options({{"radius", "12"}}).radius == 12.0f);
    BOOST_TEST(pwui::theme_from_options({{"radius", "0"}}).radius == 0.0f);
    BOOST_TEST(pwui::theme_from_options({{"radius", ".5"}}).radius == 0.5f);
    // Anything else keeps the preset's value.
    const pwui::Theme preset = pwui::theme_from_options({});
    for (const char* bad : {"", ".", "1.", "-1", "+2", " 2", "2 ", "1e1", "0x10", "1.23456", "1,5", "12px", "inf", "nan"})
        BOOST_TEST(pwui::theme_from_options({{"radius", bad}}).radius == preset.radius, "radius \"" << bad << "\"");
    BOOST_TEST(pwui::theme_from_options({{"font_scale", "1.2.3"}}).font_scale == preset.font_scale);
}

BOOST_AUTO_TEST_CASE(every_screen_light_at_320_px) { check_screens({{"theme", "light"}}, 320); }
BOOST_AUTO_TEST_CASE(every_screen_dark_at_320_px) { check_screens({{"theme", "dark"}}, 320); }
BOOST_AUTO_TEST_CASE(every_screen_light_at_720_px) { check_screens({{"theme", "light"}}, 720); }
BOOST_AUTO_TEST_CASE(every_screen_with_a_pale_accent) {
    check_screens({{"theme", "light"}, {"accent", "#ffd400"}}, 360);
}
BOOST_AUTO_TEST_CASE(every_screen_with_a_large_font_scale) {
    check_screens({{"theme", "dark"}, {"accent", "#1b1f3b"}, {"font_scale", 1.5}}, 360);
}
