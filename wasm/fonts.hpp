// Inter, two weights (Regular, SemiBold), subset at build time from Debian's
// fonts-inter (fonts/make_fonts.py) and compiled into the wasm. The atlas is
// rasterized at devicePixelRatio × font scale, and io.FontGlobalScale undoes
// the dpr, so layout is in CSS px while every glyph maps 1:1 to device
// pixels: text stays sharp at dpr 1, 2 and 3. Rebuild when either changes.
#pragma once

#include "imgui.h"

namespace pwui {

// The smallest sizes text is drawn at, CSS px (before font_scale >= 1).
constexpr float kBodyPx = 16;       // body, labels of controls
constexpr float kSecondaryPx = 14;  // captions, hints, muted details

struct Fonts {
    ImFont* small = nullptr;    // 14 px regular: captions, muted details
    ImFont* body = nullptr;     // 16 px regular
    ImFont* strong = nullptr;   // 16 px semibold: totals, buttons
    ImFont* heading = nullptr;  // 22 px semibold
    ImFont* amount = nullptr;   // 32 px semibold: the balance due
};

// Clears `atlas` and adds the five faces. Returns them; the caller sets
// io.FontGlobalScale = 1 / dpr and re-uploads the texture.
Fonts build_fonts(ImFontAtlas& atlas, float dpr, float font_scale);

}  // namespace pwui
