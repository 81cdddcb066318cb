// Mandate texts per scheme and language (mandate_text.hpp).
#include "paywidget/mandate_text.hpp"

#include <array>
#include <cstdint>

#include "paywidget/locale.hpp"
#include "paywidget/messages.hpp"

namespace pw {

namespace {

constexpr std::array<BankScheme, 3> kSchemes = {BankScheme::ach, BankScheme::pad, BankScheme::sepa};

std::string message_id(BankScheme scheme) { return "mandate." + std::string(scheme_id(scheme)); }

// FNV-1a, 32 bits, as 8 lowercase hex digits: short, stable across builds
// and platforms, and plenty to tell a few wordings of one text apart.
std::string wording_hash(std::string_view text) {
    std::uint32_t h = 2166136261u;
    for (unsigned char c : text) {
        h ^= c;
        h *= 16777619u;
    }
    static const char* hex = "0123456789abcdef";
    std::string out(8, '0');
    for (int i = 7; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = hex[h & 15u];
    return out;
}

}  // namespace

MandateText mandate_text(BankScheme scheme, std::string_view locale, std::string_view practitioner) {
    const std::string lang = negotiate_locale(locale);
    const std::string id = message_id(scheme);
    // Without arguments pw::text keeps "{practitioner}": the template as this
    // locale reads it, fallbacks (fr-CA -> fr -> en) included.
    const std::string wording = text(lang, id);
    MandateText m;
    m.scheme = scheme;
    m.locale = lang;
    m.version = std::string(scheme_id(scheme)) + "-" + lang + "-" + wording_hash(wording);
    m.text = text(lang, id, {{"practitioner", std::string(practitioner)}});
    return m;
}

std::optional<MandateText> current_mandate(std::string_view version, std::string_view practitioner) {
    for (BankScheme scheme : kSchemes) {
        for (std::string_view locale : supported_locales()) {
            MandateText m = mandate_text(scheme, locale, practitioner);
            if (m.version == version) return m;
        }
    }
    return std::nullopt;
}

}  // namespace pw
