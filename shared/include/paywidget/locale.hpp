// Which language a payer reads: the closest supported locale to what they
// (or the page embedding the widget) prefer. One rule for the widget
// (options.locale, else navigator.languages) and the pages (Accept-Language).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pw {

// The catalogue's locales: "en", "fr", "fr-CA", "es", and the pseudo-locale
// "en-XA" (tests: long accented text).
std::span<const std::string_view> supported_locales();

// The first preference that matches a supported locale, else "en".
// A tag matches exactly (case-insensitive, "_" read as "-"), else by its
// language: fr-CA -> fr-CA, fr-BE -> fr, es-MX -> es, en-GB -> en, de -> (next
// preference, finally en). en-XA only when asked for exactly.
std::string negotiate_locale(std::span<const std::string> preferences);
std::string negotiate_locale(std::string_view preference);

// A language a client may store as their preference (pages, emails): the
// supported locale `tag` names exactly (case-insensitive, "_" read as "-"),
// in its canonical spelling ("FR_ca" -> "fr-CA"); "" for anything else,
// the pseudo-locale en-XA included.
std::string preference_locale(std::string_view tag);

// An Accept-Language header's tags, most preferred first (q-values, ties in
// header order), without "*" and q=0. Network input: at most 32 tags are
// read and a header over 4096 bytes yields nothing.
std::vector<std::string> parse_accept_language(std::string_view header);

}  // namespace pw
