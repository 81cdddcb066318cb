// The widget's screens, drawn from pw::Checkout's state. The ImGui code only
// draws the current stage and turns clicks and mirror activations into
// checkout events (FrameOutput); it never changes the checkout itself, does
// no I/O and keeps no payment state of its own.
//
// Screens (one file each, screen_*.cpp; all declared in screens.hpp):
//   loading                          screen_loading.cpp   skeleton
//   review, nothing_due              screen_review.cpp    the invoice, "Pay Now"
//   link_expired/revoked/unknown,
//   login_required, load_failed      screen_link_states.cpp
//   amount                           screen_amount.cpp
//   method                           screen_method.cpp
//   details, submitting, declined    screen_details.cpp (+ screen_card.cpp,
//                                    screen_bank.cpp): form, spinner, decline
//   succeeded                        screen_succeeded.cpp
//   failed                           screen_failed.cpp
//   (shared step pieces: screen_steps.cpp; form blocks: ui_form.hpp)
//
// Runs natively too (tests/widget/ drives it with ImGui and no renderer).
#pragma once

#include "fonts.hpp"
#include "paywidget/checkout.hpp"
#include "screen_state.hpp"
#include "theme.hpp"
#include "ui.hpp"

namespace pwui {

struct Layout {
    float display_width = 360;  // CSS px
    float max_content = 560;    // the column never gets wider
    // Receipt pages: payment id appended ("/pay/<token>/receipts/",
    // "/portal/receipts/"); "" shows no receipt link.
    std::string receipt_base;
};

// Draws the checkout's current screen inside the current ImGui frame (a
// borderless window covering the display) and registers its interactive
// items with the accessibility mirror. `screens`: what the step screens
// remember between frames (screen_state.hpp). Returns the content height in
// CSS px.
float draw_widget(const pw::Checkout& checkout, const Theme& theme, const Fonts& fonts, const Layout& layout,
                  ScreenState& screens, FrameOutput& out);

}  // namespace pwui
