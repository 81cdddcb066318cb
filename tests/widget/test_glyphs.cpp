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

// The browser carries only the fonts' base (ASCII, the en texts' letters,
// the widget's own signs) and fetches the extension when a text needs it:
// the set says so for "Ł", never for what en shows, and the faces built
// without the extension lack exactly the extension's characters.
BOOST_AUTO_TEST_CASE(only_a_character_beyond_the_base_asks_for_the_extension) {
    pwui::GlyphSet set;
    set.ranges();
    set.note_catalogue("en");  // its country names bring "Å", "é", "ü"
    set.note("Invoice INV-0036, 12,00 €, £5, ¥500 · “quoted” — ← ✓ ≈ 1−2 São Tomé");
    BOOST_TEST(!set.needs_extension());
    set.note("Łukasz");
    BOOST_TEST(set.needs_extension());
    set.ranges();
    BOOST_TEST(set.needs_extension());  // stays: the atlas needs it from now on
}

BOOST_AUTO_TEST_CASE(the_extension_merges_into_every_face) {
    const pwui::FontExtension* compiled = pwui::compiled_extension();
    BOOST_REQUIRE(compiled);  // natively the extension is compiled in
    const ImWchar ranges[] = {0x0020, 0x007E, 0x00E9, 0x00E9, 0x0141, 0x0142, 0x20B9, 0x20B9, 0};
    ImFontAtlas atlas;
    const pwui::Fonts with = pwui::build_fonts(atlas, 1.0f, 1.0f, ranges, compiled);
    for (ImFont* face : {with.body, with.small, with.strong, with.heading}) {
        BOOST_TEST(face->FindGlyphNoFallback(0x00E9));  // é: base
        BOOST_TEST(face->FindGlyphNoFallback(0x0141));  // Ł: extension
        BOOST_TEST(face->FindGlyphNoFallback(0x20B9));  // ₹: extension
    }
    BOOST_TEST(with.amount->FindGlyphNoFallback(0x20B9));
    const float merged_width = with.body->CalcTextSizeA(with.body->FontSize, 1e9f, 0, "Łukasz").x;
    atlas.Clear();
    const pwui::Fonts without = pwui::build_fonts(atlas, 1.0f, 1.0f, ranges, nullptr);
    BOOST_TEST(without.body->FindGlyphNoFallback(0x00E9));
    BOOST_TEST(!without.body->FindGlyphNoFallback(0x0141));
    BOOST_TEST(!without.strong->FindGlyphNoFallback(0x20B9));
    // The merged glyph is Inter's, at the base's metrics: "Ł" is about as
    // wide as "L", not the fallback's width.
    const float plain_width = without.body->CalcTextSizeA(without.body->FontSize, 1e9f, 0, "Lukasz").x;
    BOOST_TEST(merged_width == plain_width, boost::test_tools::tolerance(0.05f));
    atlas.Clear();
}
