// See locale_format.hpp. The DOM half lives in js/locale.js.
#include "locale_format.hpp"

#include <cstdlib>

#include "paywidget/decline.hpp"

#ifdef __EMSCRIPTEN__
extern "C" {
char* pw_format_amount(const char* locale, const char* canonical, const char* currency, int exponent);
char* pw_format_date(const char* locale, int y, int m, int d);
char* pw_locale_separators(const char* locale);
}
namespace {
std::string take(char* p) {
    std::string s = p ? p : "";
    std::free(p);
    return s;
}
}  // namespace
#endif

namespace pwui {

LocaleFormat& locale_format() {
    static LocaleFormat instance;
    return instance;
}

const std::string& LocaleFormat::amount(std::int64_t minor, std::string_view currency) {
    const std::string key = "a:" + std::string(currency) + ":" + std::to_string(minor);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    const pw::CurrencyInfo* info = pw::find_currency(currency);
    const int exponent = info ? info->exponent : 0;
    std::string text;
#ifdef __EMSCRIPTEN__
    const std::string canonical = pw::format_minor(minor, exponent);
    const std::string code(currency);
    text = take(pw_format_amount(locale_.c_str(), canonical.c_str(), code.c_str(), exponent));
#endif
    // Intl failed (unknown code to the browser) or native: the core's format.
    if (text.empty()) text = pw::format_minor_grouped(minor, exponent, {}) + " " + std::string(currency);
    return cache_.emplace(key, std::move(text)).first->second;
}

const std::string& LocaleFormat::date(const pw::Date& d) {
    const std::string key = "d:" + pw::format_iso_date(d);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    std::string text;
#ifdef __EMSCRIPTEN__
    text = take(pw_format_date(locale_.c_str(), d.year, d.month, d.day));
#endif
    if (text.empty()) text = pw::format_iso_date(d);
    return cache_.emplace(key, std::move(text)).first->second;
}

pw::AmountSeparators LocaleFormat::separators() {
    pw::AmountSeparators seps;
#ifdef __EMSCRIPTEN__
    const std::string both = take(pw_locale_separators(locale_.c_str()));
    const std::size_t nl = both.find('\n');
    if (nl != std::string::npos && nl > 0 && nl + 1 < both.size()) {
        seps.decimal = both.substr(0, nl);
        seps.grouping = both.substr(nl + 1);
    }
#else
    // Natively (tests) the separators Intl gives these languages: "1 234,50"
    // (fr: narrow no-break space; fr-CA: no-break space), "1.234,50" (es).
    const std::string lang = locale_.substr(0, locale_.find('-'));
    if (lang == "fr") seps = {",", locale_ == "fr-CA" ? "\xC2\xA0" : "\xE2\x80\xAF"};
    if (lang == "es") seps = {",", "."};
#endif
    return seps;
}

std::string LocaleFormat::error(const pw::Error& e) const {
    if (e.message_id.empty()) return pw::api_error_text(locale_, e.code, e.message);
    return pw::error_text(locale_, e);
}

void LocaleFormat::set_locale(const std::string& locale) {
    if (locale == locale_) return;
    locale_ = locale;
    clear();
}

void LocaleFormat::clear() { cache_.clear(); }

}  // namespace pwui
