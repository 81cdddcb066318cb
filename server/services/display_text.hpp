// Amounts and dates as a payer reads them on the payment host's pages and in
// its emails, in the payer's language (a locale negotiated by the core,
// paywidget/locale.hpp). English is written like the widget writes it in an
// en-US browser (the widget itself uses the payer's locale through Intl).
//   money(minor, currency)          "$1,234.50", "CA$90.00", "CHF 12.00" (exact,
//                                   from minor units with the ISO 4217 exponent;
//                                   no floats)
//   money(minor, currency, "fr-CA") "1 234,50 $" (CLDR's separators and symbol
//                                   placement for fr, fr-CA and es)
//   date_text(d[, locale])          "Jan 15, 2025", "15 janv. 2025", "15 ene 2025"
//                                   (the catalogue's date.medium and month names)
//   html_message(locale, id, args, html_args)
//                                   a catalogue message as HTML: the text is
//                                   escaped, then each html_args placeholder is
//                                   replaced by its (already safe) HTML, so a
//                                   sentence with a link or <strong> inside stays
//                                   one message in every language
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "paywidget/date.hpp"
#include "paywidget/result.hpp"

namespace pws {

std::string money(std::int64_t minor, std::string_view currency);
std::string money(std::int64_t minor, std::string_view currency, std::string_view locale);
std::string date_text(const pw::Date& d);
std::string date_text(const pw::Date& d, std::string_view locale);

std::string html_message(std::string_view locale, std::string_view id, const pw::MessageArgs& args,
                         const pw::MessageArgs& html_args);

}  // namespace pws
