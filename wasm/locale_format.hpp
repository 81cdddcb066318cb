// Amounts and dates for the payer's locale. In the browser: Intl.NumberFormat
// and Intl.DateTimeFormat (js/locale.js), fed the core's exact canonical
// decimal and with the fraction digits forced to the core's ISO 4217
// exponent. Natively (tests): the core's own grouped format plus the code.
// Only for display: every computation uses the core's integer minor units.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "paywidget/date.hpp"
#include "paywidget/money.hpp"

namespace pwui {

class LocaleFormat {
public:
    // "$1,234.50" (en-US), "1.234,50 €" (de-DE); cached per value.
    const std::string& amount(std::int64_t minor, std::string_view currency);
    // "Feb 10, 2025" (en-US, medium date style); cached.
    const std::string& date(const pw::Date& d);
    // The locale's separators, for pw::parse_amount on what the payer types.
    pw::AmountSeparators separators();
    // Options changed (locale): forget everything.
    void clear();

private:
    std::map<std::string, std::string> cache_;
};

LocaleFormat& locale_format();  // the page's one instance

}  // namespace pwui
