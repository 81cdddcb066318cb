// See display_text.hpp.
#include "services/display_text.hpp"

#include <array>
#include <utility>

#include "paywidget/messages.hpp"
#include "paywidget/money.hpp"
#include "services/outbox.hpp"  // html_escape

namespace pws {

namespace {

using Symbols = std::array<std::pair<std::string_view, std::string_view>, 12>;

// The symbols en-US Intl.NumberFormat uses (what the widget shows in an
// en-US browser), so a page and the widget print the same amount alike.
// Any other currency is written with its code, as Intl does.
constexpr Symbols kSymbolsEn = {{
    {"USD", "$"}, {"CAD", "CA$"}, {"EUR", "€"}, {"GBP", "£"}, {"JPY", "¥"}, {"AUD", "A$"},
    {"NZD", "NZ$"}, {"MXN", "MX$"}, {"INR", "₹"}, {"HKD", "HK$"}, {"ILS", "₪"}, {"KRW", "₩"},
}};
// CLDR's symbols for fr (France), fr-CA and es (Spain), after the amount.
constexpr Symbols kSymbolsFr = {{
    {"USD", "$US"}, {"CAD", "$CA"}, {"EUR", "€"}, {"GBP", "£GB"}, {"JPY", "JPY"}, {"AUD", "$AU"},
    {"NZD", "$NZ"}, {"MXN", "$MX"}, {"INR", "₹"}, {"HKD", "HKD"}, {"ILS", "₪"}, {"KRW", "₩"},
}};
constexpr Symbols kSymbolsFrCa = {{
    {"USD", "$\u00a0US"}, {"CAD", "$"}, {"EUR", "€"}, {"GBP", "£"}, {"JPY", "¥"}, {"AUD", "$\u00a0AU"},
    {"NZD", "$\u00a0NZ"}, {"MXN", "$\u00a0MX"}, {"INR", "₹"}, {"HKD", "$\u00a0HK"}, {"ILS", "₪"}, {"KRW", "₩"},
}};
constexpr Symbols kSymbolsEs = {{
    {"USD", "US$"}, {"CAD", "CA$"}, {"EUR", "€"}, {"GBP", "GBP"}, {"JPY", "JPY"}, {"AUD", "AUD"},
    {"NZD", "NZD"}, {"MXN", "MXN"}, {"INR", "INR"}, {"HKD", "HKD"}, {"ILS", "ILS"}, {"KRW", "KRW"},
}};

std::string_view symbol_for(const Symbols& symbols, std::string_view currency) {
    for (const auto& [code, symbol] : symbols)
        if (code == currency) return symbol;
    return currency;
}

std::string_view language_of(std::string_view locale) { return locale.substr(0, locale.find('-')); }

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
    for (const auto& [code, symbol] : kSymbolsEn) {
        if (code == currency) return out + std::string(symbol) + digits;
    }
    return out + std::string(currency) + "\u00a0" + digits;
}

std::string money(std::int64_t minor, std::string_view currency, std::string_view locale) {
    const std::string_view language = language_of(locale);
    if (language != "fr" && language != "es") return money(minor, currency);
    const pw::CurrencyInfo* info = pw::find_currency(currency);
    const int exponent = info ? info->exponent : 0;
    const std::int64_t magnitude = minor < 0 ? -minor : minor;
    // CLDR: French groups with a narrow no-break space, Spanish with a dot
    // but only from five integer digits on ("1234,50", "12.345,00").
    std::string digits;
    if (language == "fr") {
        digits = pw::format_minor_grouped(magnitude, exponent, pw::AmountSeparators{",", "\u202f"});
    } else {
        digits = pw::format_minor_grouped(magnitude, exponent, pw::AmountSeparators{",", "."});
        const std::size_t integer_digits = digits.find(',') == std::string::npos ? digits.size() : digits.find(',');
        if (integer_digits == 5) digits.erase(1, 1);  // "1.234" -> "1234"
    }
    const Symbols& symbols = language == "es" ? kSymbolsEs : locale == "fr-CA" ? kSymbolsFrCa : kSymbolsFr;
    return (minor < 0 ? "-" : "") + digits + "\u00a0" + std::string(symbol_for(symbols, currency));
}

std::string date_text(const pw::Date& d) { return date_text(d, "en"); }

std::string date_text(const pw::Date& d, std::string_view locale) {
    if (d.month < 1 || d.month > 12) return pw::format_iso_date(d);
    const std::string month = pw::text(locale, "date.month_" + std::to_string(d.month));
    return pw::text(locale, "date.medium",
                    {{"month", month}, {"day", std::to_string(d.day)}, {"year", std::to_string(d.year)}});
}

std::string html_message(std::string_view locale, std::string_view id, const pw::MessageArgs& args,
                         const pw::MessageArgs& html_args) {
    // Each HTML value enters the message as a marker no text contains (and
    // html_escape leaves alone), and replaces it after escaping.
    pw::MessageArgs all = args;
    for (std::size_t i = 0; i < html_args.size(); ++i)
        all.emplace_back(html_args[i].first, "\x01" + std::to_string(i) + "\x01");
    std::string out = html_escape(pw::text(locale, id, all));
    for (std::size_t i = 0; i < html_args.size(); ++i) {
        const std::string marker = "\x01" + std::to_string(i) + "\x01";
        for (std::size_t at = out.find(marker); at != std::string::npos; at = out.find(marker, at + 1))
            out.replace(at, marker.size(), html_args[i].second);
    }
    return out;
}

}  // namespace pws
