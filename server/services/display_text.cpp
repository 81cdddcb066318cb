// See display_text.hpp.
#include "services/display_text.hpp"

#include <array>
#include <utility>

#include "paywidget/money.hpp"

namespace pws {

namespace {

// The symbols en-US Intl.NumberFormat uses (what the widget shows in an
// en-US browser), so a page and the widget print the same amount alike.
// Any other currency is written with its code, as Intl does.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kSymbols = {{
    {"USD", "$"}, {"CAD", "CA$"}, {"EUR", "€"}, {"GBP", "£"}, {"JPY", "¥"}, {"AUD", "A$"},
    {"NZD", "NZ$"}, {"MXN", "MX$"}, {"INR", "₹"}, {"HKD", "HK$"}, {"ILS", "₪"}, {"KRW", "₩"},
}};

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

std::string money(std::int64_t minor, std::string_view currency) {
    const pw::CurrencyInfo* info = pw::find_currency(currency);
    const int exponent = info ? info->exponent : 0;
    const bool negative = minor < 0;
    // format_minor_grouped handles the sign itself, but the symbol goes
    // after the minus ("-$5.00"), so format the magnitude.
    const std::int64_t magnitude = negative ? -minor : minor;
    const std::string digits = pw::format_minor_grouped(magnitude, exponent, pw::AmountSeparators{".", ","});
    std::string out = negative ? "-" : "";
    for (const auto& [code, symbol] : kSymbols) {
        if (code == currency) return out + std::string(symbol) + digits;
    }
    return out + std::string(currency) + "\u00a0" + digits;
}

std::string date_text(const pw::Date& d) {
    if (d.month < 1 || d.month > 12) return pw::format_iso_date(d);
    return std::string(kMonths[static_cast<std::size_t>(d.month - 1)]) + " " + std::to_string(d.day) + ", " +
           std::to_string(d.year);
}

}  // namespace pws
