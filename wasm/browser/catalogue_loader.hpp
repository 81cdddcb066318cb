// The payer's language for the widget: en is compiled into the wasm, every
// other language is its own file (messages.<locale>.<hash>.json) that the
// page fetches only for a payer who reads it. web/embed.js usually asked for
// it already, in parallel with the wasm (Module.pwCatalogue); this takes that
// answer over and hands it to the core (pw::load_catalogue). Browser only.
#pragma once

#include <functional>
#include <string>

namespace pwui {

// Makes `locale`'s messages available, then calls `done(loaded)` once:
// false when the file could not be had (no such file, network failure,
// a file the core refused); the widget then speaks en.
void load_locale(const std::string& locale, std::function<void(bool loaded)> done);

// The rest of the texts (messages.<locale>.rest.<hash>.json, en's and the
// payer's language's: what a first visit does not show) arrive from
// web/embed.js with the deferred code, through Module.pwAddCatalogue(text)
// (js/catalogue.js); `added` is called after each, to draw again. Also
// watches the core's catalogue (pw::set_message_observer): a text asked for
// before its file arrived is a console error naming
// tools/split/profile_widget.mjs, and starts the fetch at once; with
// window.pwMessagesAsked an array (that tool), every id asked is pushed
// there.
void watch_catalogue(std::function<void()> added);

}  // namespace pwui
