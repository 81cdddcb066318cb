// See fonts.hpp. The byte arrays come from the generated fonts_data.cpp.
#include "fonts.hpp"

#include <cstddef>

#include "imgui_internal.h"  // ImTextCharFromUtf8, ImFontAtlasGetBuilderForStbTruetype
#include "paywidget/messages.hpp"

namespace pwui::fontdata {
extern const unsigned char inter_regular[];
extern const std::size_t inter_regular_size;
extern const unsigned char inter_semibold[];
extern const std::size_t inter_semibold_size;
}  // namespace pwui::fontdata

namespace pwui {

namespace {
// Text faces: what an invoice can contain (keep in sync with make_fonts.py).
const ImWchar kTextRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x017F, 0x2009, 0x200A, 0x2010, 0x2027, 0x202F, 0x203A,
    0x20A0, 0x20C0, 0x2122, 0x2122, 0x2190, 0x2193, 0x2212, 0x2212, 0x2248, 0x2248, 0x2713, 0x2713, 0,
};
// The large amount face needs digits, separators and currency signs only;
// a smaller range keeps the atlas small at dpr 3.
const ImWchar kAmountRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x00A5, 0x2009, 0x200A, 0x202F, 0x202F, 0x20A0, 0x20C0, 0x2212, 0x2212, 0,
};

bool font_has(unsigned c) {
    for (const ImWchar* r = kTextRanges; r[0]; r += 2)
        if (c >= r[0] && c <= r[1]) return true;
    return false;
}

ImFont* add(ImFontAtlas& atlas, const unsigned char* data, std::size_t size, float px, const ImWchar* ranges,
            float dpr) {
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // static arrays: ImGui must not free them
    // At dpr >= 2 each device pixel is already small: horizontal
    // oversampling would only grow the atlas.
    cfg.OversampleH = dpr >= 2 ? 1 : 2;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = false;
    return atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size), px * dpr,
                                      &cfg, ranges);
}
}  // namespace

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
        if (c < 0x80 || c > 0xFFFF || builder_.GetBit(c) || !font_has(c)) continue;
        builder_.AddChar(static_cast<ImWchar>(c));
        changed_ = true;
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

Fonts build_fonts(ImFontAtlas& atlas, float dpr, float font_scale, const ImWchar* glyphs) {
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
    f.body = add(atlas, inter_regular, inter_regular_size, kBodyPx * s, text, dpr);  // default font
    f.small = add(atlas, inter_regular, inter_regular_size, kSecondaryPx * s, text, dpr);
    f.strong = add(atlas, inter_semibold, inter_semibold_size, kBodyPx * s, text, dpr);
    f.heading = add(atlas, inter_semibold, inter_semibold_size, 22 * s, text, dpr);
    f.amount = add(atlas, inter_semibold, inter_semibold_size, 32 * s, amount, dpr);
    // The stb_truetype builder directly, not atlas.Build(): Build() (and
    // GetTexData*, which call it) fall back to AddFontDefault(), and that
    // reference alone links ImGui's embedded ProggyClean font (~12 KB of
    // base85, ~9 KB brotli) into the wasm, a font the widget never uses.
    ImFontAtlasGetBuilderForStbTruetype()->FontBuilder_Build(&atlas);
    return f;
}

}  // namespace pwui
