// See fonts.hpp. The byte arrays come from the generated fonts_data.cpp.
#include "fonts.hpp"

#include <cstddef>
#include <type_traits>

#include "imgui_internal.h"  // ImTextCharFromUtf8, ImFontAtlasGetBuilderForStbTruetype
#include "paywidget/messages.hpp"

namespace pwui::fontdata {
extern const unsigned char* const inter_regular;
extern const std::size_t inter_regular_size;
extern const unsigned char* const inter_semibold;
extern const std::size_t inter_semibold_size;
// nullptr / 0 in the browser build: fetched instead (make_fonts.py).
extern const unsigned char* const inter_regular_ext;
extern const std::size_t inter_regular_ext_size;
extern const unsigned char* const inter_semibold_ext;
extern const std::size_t inter_semibold_ext_size;
// What the font files have, as ImGui ranges: everything, and the base.
extern const unsigned short text_ranges[];
extern const unsigned short base_ranges[];
}  // namespace pwui::fontdata

namespace pwui {

namespace {
static_assert(std::is_same_v<ImWchar, unsigned short>, "make_fonts.py writes 16-bit ranges");
const ImWchar* const kTextRanges = fontdata::text_ranges;
const ImWchar* const kBaseRanges = fontdata::base_ranges;
// The large amount face needs digits, separators and currency signs only;
// a smaller range keeps the atlas small at dpr 3.
const ImWchar kAmountRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x00A5, 0x2009, 0x200A, 0x202F, 0x202F, 0x20A0, 0x20C0, 0x2212, 0x2212, 0,
};

bool in_ranges(const ImWchar* r, unsigned c) {
    for (; r[0]; r += 2)
        if (c >= r[0] && c <= r[1]) return true;
    return false;
}

ImFont* add(ImFontAtlas& atlas, FontBytes base, FontBytes extension, float px, const ImWchar* ranges,
            float dpr) {
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // static arrays, the extension's buffer: not ImGui's to free
    // At dpr >= 2 each device pixel is already small: horizontal
    // oversampling would only grow the atlas.
    cfg.OversampleH = dpr >= 2 ? 1 : 2;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = false;
    ImFont* font = atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(base.data), static_cast<int>(base.size),
                                              px * dpr, &cfg, ranges);
    if (extension.data) {
        // Merged into the same face: stb_truetype takes each character from
        // the first file that has it, and the two halves never overlap.
        cfg.MergeMode = true;
        atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(extension.data), static_cast<int>(extension.size),
                                   px * dpr, &cfg, ranges);
    }
    return font;
}
}  // namespace

const FontExtension* compiled_extension() {
    using namespace fontdata;
    static const FontExtension compiled{{inter_regular_ext, inter_regular_ext_size},
                                        {inter_semibold_ext, inter_semibold_ext_size}};
    return inter_regular_ext ? &compiled : nullptr;
}

GlyphSet::GlyphSet() {
    // ASCII, and the spaces and minus Intl puts in amounts and dates.
    for (unsigned c = 0x20; c <= 0x7E; ++c) builder_.AddChar(static_cast<ImWchar>(c));
    for (unsigned c : {0x00A0u, 0x2009u, 0x202Fu, 0x2212u}) builder_.AddChar(static_cast<ImWchar>(c));
}

void GlyphSet::note_catalogue(std::string_view locale) {
    for (std::string_view id : pw::message_ids()) {
        if (auto en = pw::find_message("en", id)) note(*en);
        if (auto m = pw::find_message(locale, id)) note(*m);
    }
}

void GlyphSet::note(std::string_view utf8) {
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    while (p < end) {
        unsigned c = 0;
        const int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) break;
        p += n;
        if (c < 0x80 || c > 0xFFFF || builder_.GetBit(c) || !in_ranges(kTextRanges, c)) continue;
        builder_.AddChar(static_cast<ImWchar>(c));
        changed_ = true;
        if (!in_ranges(kBaseRanges, c)) needs_extension_ = true;
    }
}

const ImWchar* GlyphSet::ranges() {
    ranges_.clear();
    builder_.BuildRanges(&ranges_);
    changed_ = false;
    return ranges_.Data;
}

GlyphSet& glyphs() {
    static GlyphSet set;
    return set;
}

Fonts build_fonts(ImFontAtlas& atlas, float dpr, float font_scale, const ImWchar* glyphs,
                  const FontExtension* extension) {
    atlas.Clear();
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    const float s = font_scale;
    using namespace fontdata;
    Fonts f;
    // The sizes of the page around the widget: 16 px body, 14 px secondary
    // (WCAG-minded; tests/widget/test_readability.cpp holds every drawn text
    // to them).
    const ImWchar* text = glyphs ? glyphs : kTextRanges;
    const ImWchar* amount = glyphs ? glyphs : kAmountRanges;
    const FontBytes regular{inter_regular, inter_regular_size}, semibold{inter_semibold, inter_semibold_size};
    const FontExtension none;
    const FontExtension& ext = extension ? *extension : none;
    f.body = add(atlas, regular, ext.regular, kBodyPx * s, text, dpr);  // default font
    f.small = add(atlas, regular, ext.regular, kSecondaryPx * s, text, dpr);
    f.strong = add(atlas, semibold, ext.semibold, kBodyPx * s, text, dpr);
    f.heading = add(atlas, semibold, ext.semibold, 22 * s, text, dpr);
    f.amount = add(atlas, semibold, ext.semibold, 32 * s, amount, dpr);
    // The stb_truetype builder directly, not atlas.Build(): Build() (and
    // GetTexData*, which call it) fall back to AddFontDefault(), and that
    // reference alone links ImGui's embedded ProggyClean font (~12 KB of
    // base85, ~9 KB brotli) into the wasm, a font the widget never uses.
    ImFontAtlasGetBuilderForStbTruetype()->FontBuilder_Build(&atlas);
    return f;
}

}  // namespace pwui
