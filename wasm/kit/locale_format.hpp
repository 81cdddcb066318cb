// The payer's language and the amounts and dates in it. The language is the
// core's choice (pw::negotiate_locale over options.locale, else
// navigator.languages); every sentence comes from the core's catalogue
// (t()). In the browser: Intl.NumberFormat
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
#include "paywidget/messages.hpp"
#include "paywidget/money.hpp"

namespace pwui {

class LocaleFormat {
public:
    // The catalogue locale ("en", "fr", "fr-CA", "es", "en-XA"); Intl
    // formats with it too. Changing it forgets every cached text.
    void set_locale(const std::string& locale);
    const std::string& locale() const { return locale_; }
    // The catalogue's message `id` in this locale.
    std::string t(std::string_view id, const pw::MessageArgs& args = {}) const {
        return pw::text(locale_, id, args);
    }
    // An error in this locale: a core error by its catalogue id
    // (pw::error_text), a server error by its code (pw::api_error_text).
    std::string error(const pw::Error& e) const;

    // "$1,234.50" (en-US), "1.234,50 €" (de-DE); cached per value.
    const std::string& amount(std::int64_t minor, std::string_view currency);
    // "Feb 10, 2025" (en-US, medium date style); cached.
    const std::string& date(const pw::Date& d);
    // The locale's separators, for pw::parse_amount on what the payer types.
    pw::AmountSeparators separators();
    // Options changed (locale): forget everything.
    void clear();

private:
    std::string locale_ = "en";
    std::map<std::string, std::string> cache_;
};

LocaleFormat& locale_format();  // the page's one instance

}  // namespace pwui
