// The browser's font atlas holds only the characters drawn (fonts.hpp's
// GlyphSet): ASCII and the payer's language to start with, then every
// character a text brings that the fonts have (a name's "Ł", a currency's
// "€"), which marks the set changed so the atlas is rebuilt before the frame
// is shown. A character the fonts lack never marks it (no rebuild loop).
#define BOOST_TEST_MODULE widget_glyphs
#include <boost/test/unit_test.hpp>

#include "fonts.hpp"
#include "imgui.h"

namespace {

bool has_glyph(const ImWchar* ranges, unsigned c) {
    ImFontAtlas atlas;
    const pwui::Fonts f = pwui::build_fonts(atlas, 1.0f, 1.0f, ranges);
    const bool all = f.body->FindGlyphNoFallback(static_cast<ImWchar>(c)) &&
                     f.strong->FindGlyphNoFallback(static_cast<ImWchar>(c)) &&
                     f.amount->FindGlyphNoFallback(static_cast<ImWchar>(c));
    atlas.Clear();
    return all;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_drawn_character_the_atlas_lacks_is_added) {
    pwui::GlyphSet set;
    BOOST_TEST(set.changed());  // nothing built yet
    const ImWchar* start = set.ranges();
    BOOST_TEST(!set.changed());
    BOOST_TEST(has_glyph(start, 'A'));
    BOOST_TEST(!has_glyph(start, 0x0141));  // Ł: not until a text has it

    set.note("Invoice INV-0036, $185.00");
    BOOST_TEST(!set.changed());
    set.note("Łukasz Dvořák, 12,00 €");
    BOOST_TEST(set.changed());
    const ImWchar* grown = set.ranges();
    for (unsigned c : {0x0141u, 0x0159u, 0x20ACu, unsigned('A')}) BOOST_TEST(has_glyph(grown, c), std::hex << c);
}

BOOST_AUTO_TEST_CASE(a_character_no_font_has_never_asks_for_a_rebuild) {
    pwui::GlyphSet set;
    set.ranges();
    set.note("\xE4\xB8\xAD\xF0\x9F\x99\x82");  // 中 and an emoji: not in Inter's subset
    BOOST_TEST(!set.changed());
}

BOOST_AUTO_TEST_CASE(the_payers_language_is_in_from_the_start) {
    pwui::GlyphSet set;
    set.ranges();
    set.note_catalogue("fr");
    BOOST_TEST(set.changed());  // é, à, ’, « » ...
    const ImWchar* fr = set.ranges();
    BOOST_TEST(has_glyph(fr, 0x00E9));  // é
    set.note("Montant dû");
    BOOST_TEST(!set.changed());
}
