// See fonts.hpp. The byte arrays come from the generated fonts_data.cpp.
#include "fonts.hpp"

#include <cstddef>

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

Fonts build_fonts(ImFontAtlas& atlas, float dpr, float font_scale) {
    atlas.Clear();
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    const float s = font_scale;
    using namespace fontdata;
    Fonts f;
    // The sizes of the page around the widget: 16 px body, 14 px secondary
    // (WCAG-minded; tests/widget/test_readability.cpp holds every drawn text
    // to them).
    f.body = add(atlas, inter_regular, inter_regular_size, kBodyPx * s, kTextRanges, dpr);  // default font
    f.small = add(atlas, inter_regular, inter_regular_size, kSecondaryPx * s, kTextRanges, dpr);
    f.strong = add(atlas, inter_semibold, inter_semibold_size, kBodyPx * s, kTextRanges, dpr);
    f.heading = add(atlas, inter_semibold, inter_semibold_size, 22 * s, kTextRanges, dpr);
    f.amount = add(atlas, inter_semibold, inter_semibold_size, 32 * s, kAmountRanges, dpr);
    atlas.Build();
    return f;
}

}  // namespace pwui
