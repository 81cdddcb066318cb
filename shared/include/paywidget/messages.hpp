// The message catalogue: every sentence a payer reads, per language, by a
// stable dotted id ("widget.pay_now", "decline.insufficient_funds").
//
// The texts live in shared/messages/<locale>.json (en, fr, es; fr-CA holds
// only what Canadian French says differently from fr) and are compiled into
// the core at build time (tools/messages/compile_messages.py), which also
// generates the pseudo-locale en-XA from en. The widget, the server and the
// tests all read this one catalogue.
//
// Message syntax (an ICU MessageFormat subset):
//   {name}                                   a named argument, inserted as given
//   {count, plural, =0 {…} one {# day} other {# days}}
//                                            plural: an exact "=N" branch wins,
//                                            then the locale's category, then
//                                            "other"; "#" is the number
// Plural categories: "one" and "other" only. en, es: one is exactly 1; fr
// (CLDR): one is 0 and 1. No apostrophe quoting: messages use ’ and never
// need literal braces.
//
// Never fails and never throws: an unknown locale is negotiated to a
// supported one, an id missing in a language falls back (fr-CA -> fr -> en),
// an id missing everywhere is returned as itself (visible, greppable), a
// missing argument stays "{name}" in the text.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "paywidget/result.hpp"

namespace pw {

// The message `id` in `locale` with `args` filled in.
std::string text(std::string_view locale, std::string_view id, const MessageArgs& args = {});

// An error whose English message is the catalogue's `id` (with `args`),
// remembering id and args so pw::error_text can say it in another language.
Error catalogue_error(std::string code, std::string field, std::string_view id, MessageArgs args = {});

// What `e` says in `locale`: its catalogue message when it has one (and the
// locale is not English: e.message is already the English, sometimes with
// grammar the catalogue leaves out, e.g. "A German IBAN"), else e.message.
std::string error_text(std::string_view locale, const Error& e);

// "a", "a and b", "a, b and c" in `locale` (list.two / list.more).
std::string list_text(std::string_view locale, const std::vector<std::string>& items);

// "one" or "other" for `n` in `locale`'s language.
std::string_view plural_category(std::string_view locale, std::int64_t n);

// --- languages that arrive as files (the browser) --------------------------
// The browser build compiles in only en's first-visit texts; everything else
// is a file the page fetches (written by tools/messages/compile_messages.py
// --widget: {"locale": "fr", "messages": {id: text}}, a regional file
// already merged with its language): messages.<locale>.json, the texts a
// first visit shows, for a payer who reads that language, then, after the
// first screen, messages.<locale>.rest.json, every other text of the widget
// (en's too). Reads such a file and adds its messages to what was loaded for
// that locale (a message loaded again is replaced), asked before any
// compiled-in table of the same locale; a loaded language's fallback is en.
// Refuses, changing nothing: a file over 512 KiB or 4,096 messages, not that
// shape, a locale that is not supported, an id over 128 bytes, a message
// over 4 KiB or one that does not parse.
// Not thread-safe: call it before other threads read the catalogue (the
// widget is single-threaded; the server never calls it).
Error load_catalogue(std::string_view file);
// Whether `locale` has a table, compiled in or loaded.
bool has_catalogue(std::string_view locale);

// Told of each message pw::text is asked for that no table has (`found`
// false: in the browser, a text whose file is still on its way), and with
// `every`, of every message asked for (`found` true). The browser's only:
// the split profile (tools/split/profile_widget.mjs) lists what first visits
// ask for, and the widget notices a text asked for too early. One plain
// function (null: nobody is told), so the code that hears of a missing text
// is the code the profile saw run; not thread-safe.
struct MessageObserver {
    void (*told)(std::string_view id, bool found) = nullptr;
    bool every = false;
};
void set_message_observer(MessageObserver observer);

// --- introspection, for tests and tools ---------------------------------
// Every id (en's, which every full language must have; loaded and compiled in), sorted.
std::vector<std::string_view> message_ids();
// The text stored for `id` in exactly `locale`'s table (no fallback).
std::optional<std::string_view> find_message(std::string_view locale, std::string_view id);
// An error (code "invalid_message") when `message` does not parse.
Error check_message(std::string_view message);
// The argument names `message` uses (plural selectors included), sorted, unique.
std::vector<std::string> message_placeholders(std::string_view message);

}  // namespace pw
