// Amounts and dates as a payer reads them on the payment host's pages and in
// its emails, written like the widget writes them in an en-US browser (the
// widget itself uses the payer's locale through Intl): one wording for both.
//   money(minor, currency)  "$1,234.50", "CA$90.00", "CHF 12.00" (exact, from
//                           minor units with the ISO 4217 exponent; no floats)
//   date_text(d)            "Jan 15, 2025"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "paywidget/date.hpp"

namespace pws {

std::string money(std::int64_t minor, std::string_view currency);
std::string date_text(const pw::Date& d);

}  // namespace pws
