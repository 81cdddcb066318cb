// Inter, two weights (Regular, SemiBold), subset at build time from Debian's
// fonts-inter (fonts/make_fonts.py) in two parts: the base (ASCII and the
// en texts' characters) compiled into the wasm, and the extension (the rest
// of Latin-1 and Latin Extended-A, most currency signs), which the browser
// fetches only when a text needs it (browser/font_extension.hpp) and the
// native build compiles in. The atlas is
// rasterized at devicePixelRatio × font scale, and io.FontGlobalScale undoes
// the dpr, so layout is in CSS px while every glyph maps 1:1 to device
// pixels: text stays sharp at dpr 1, 2 and 3. Rebuild when either changes.
#pragma once

#include <cstddef>
#include <string_view>

#include "imgui.h"

namespace pwui {

// The smallest sizes text is drawn at, CSS px (before font_scale >= 1).
constexpr float kBodyPx = 16;       // body, labels of controls
constexpr float kSecondaryPx = 14;  // captions, hints, muted details

// A font file's bytes, not owned.
struct FontBytes {
    const unsigned char* data = nullptr;
    std::size_t size = 0;
};
// The extension's two weights.
struct FontExtension {
    FontBytes regular, semibold;
};
// The extension compiled in: the native build's; nullptr in the browser.
const FontExtension* compiled_extension();

struct Fonts {
    ImFont* small = nullptr;    // 14 px regular: captions, muted details
    ImFont* body = nullptr;     // 16 px regular
    ImFont* strong = nullptr;   // 16 px semibold: totals, buttons
    ImFont* heading = nullptr;  // 22 px semibold
    ImFont* amount = nullptr;   // 32 px semibold: the balance due
};

// Clears `atlas` and adds the five faces, each from the base merged with
// `extension` when there is one. Returns them; the caller sets
// io.FontGlobalScale = 1 / dpr and re-uploads the texture. With `glyphs`
// (ImGui ranges), every face holds only those characters; without, all the
// font files have (the native tests).
Fonts build_fonts(ImFontAtlas& atlas, float dpr, float font_scale, const ImWchar* glyphs = nullptr,
                  const FontExtension* extension = compiled_extension());

// The characters the browser's atlas holds: ImGui 1.86 has no dynamic
// atlas, and rasterizing every character an invoice could hold (~400, five
// faces) was most of the start-up's main-thread time. The set starts with
// ASCII and the payer's language's texts (note_catalogue); every text drawn
// is noted (ui.cpp's draw_text), and a character the fonts have that the
// set lacks (a name's "ł", a currency's "₹") marks it changed: the frame is
// not shown, the atlas is rebuilt with it and the frame drawn again (once
// the extension is in, when the character is one of its).
class GlyphSet {
public:
    GlyphSet();
    // The characters of every message `locale` says (and en's).
    void note_catalogue(std::string_view locale);
    void note(std::string_view utf8);
    // A character was added since ranges() was last read.
    bool changed() const { return changed_; }
    // A character noted is only in the extension (it stays true).
    bool needs_extension() const { return needs_extension_; }
    // The set as ImGui ranges, valid until the next call.
    const ImWchar* ranges();

private:
    ImFontGlyphRangesBuilder builder_;
    ImVector<ImWchar> ranges_;
    bool changed_ = true;
    bool needs_extension_ = false;
};

GlyphSet& glyphs();  // the widget's one set

}  // namespace pwui
