// The whole card form: CVC, cardholder name, postal code, and the combined
// check run by the widget before submitting and by the server before
// tokenising (same rules, same first error).
#include <cstdint>

#include "paywidget/card.hpp"
#include "paywidget/messages.hpp"

namespace pw {

namespace {

constexpr std::size_t kMaxNameChars = 200;
constexpr std::size_t kMinPostalChars = 2;
constexpr std::size_t kMaxPostalChars = 10;

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// Decodes one UTF-8 code point at s[i], advancing i. False on a malformed,
// overlong or surrogate sequence.
bool next_code_point(std::string_view s, std::size_t& i, std::uint32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    int extra = 0;
    std::uint32_t min = 0;
    if (b0 < 0x80) {
        cp = b0;
    } else if ((b0 & 0xE0) == 0xC0) {
        cp = b0 & 0x1F, extra = 1, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        cp = b0 & 0x0F, extra = 2, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        cp = b0 & 0x07, extra = 3, min = 0x10000;
    } else {
        return false;
    }
    if (s.size() - i <= static_cast<std::size_t>(extra)) return false;
    for (int k = 1; k <= extra; ++k) {
        const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if ((b & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += static_cast<std::size_t>(extra) + 1;
    return true;
}

bool is_control(std::uint32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

}  // namespace

Error validate_cvc(std::string_view cvc, CardBrand brand) {
    if (cvc.empty()) return catalogue_error("cvc_required", "cvc", "card.cvc_required");
    for (char c : cvc)
        if (c < '0' || c > '9')
            return catalogue_error("invalid_cvc", "cvc", "card.cvc_digits");
    const int want = card_cvc_length(brand);
    // Unknown brand: accept either size in use (3, or 4 for Amex-style).
    const std::size_t min = want ? static_cast<std::size_t>(want) : 3;
    const std::size_t max = want ? static_cast<std::size_t>(want) : 4;
    // The brand's length when known ("3 digits"), else "3 or 4 digits".
    const MessageArgs digits = {{"digits", std::to_string(want)}};
    if (cvc.size() < min)
        return want ? catalogue_error("cvc_incomplete", "cvc", "card.cvc_incomplete", digits)
                    : catalogue_error("cvc_incomplete", "cvc", "card.cvc_incomplete_any");
    if (cvc.size() > max)
        return want ? catalogue_error("invalid_cvc", "cvc", "card.cvc_too_long", digits)
                    : catalogue_error("invalid_cvc", "cvc", "card.cvc_too_long_any");
    return {};
}

Error validate_cardholder_name(std::string_view name) {
    const std::string_view s = trim_spaces(name);
    if (s.empty()) return catalogue_error("name_required", "name", "card.name_required");
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size();) {
        std::uint32_t cp = 0;
        if (!next_code_point(s, i, cp) || is_control(cp))
            return catalogue_error("invalid_name", "name", "card.name_invalid");
        // Counting stops mattering past the limit; stop early on huge input.
        if (++chars > kMaxNameChars)
            return catalogue_error("name_too_long", "name", "card.name_too_long",
                                   {{"max", std::to_string(kMaxNameChars)}});
    }
    return {};
}

Error validate_postal_code(std::string_view postal_code) {
    const std::string_view s = trim_spaces(postal_code);
    if (s.empty())
        return catalogue_error("postal_code_required", "postal_code", "card.postal_required");
    auto invalid = [] {
        return catalogue_error("invalid_postal_code", "postal_code", "card.postal_invalid");
    };
    if (s.size() < kMinPostalChars || s.size() > kMaxPostalChars) return invalid();
    for (char c : s) {
        const bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        c == ' ' || c == '-';
        if (!ok) return invalid();
    }
    return {};
}

Result<CardSummary> validate_card_input(const CardInput& input, const Date& today) {
    if (auto err = validate_card_number(input.number)) return Result<CardSummary>::failure(err);
    auto exp = validate_card_expiry(input.exp, today);
    if (!exp) return Result<CardSummary>::failure(exp.error);
    const CardBrand brand = detect_card_brand(card_number_digits(input.number).value);
    if (auto err = validate_cvc(input.cvc, brand)) return Result<CardSummary>::failure(err);
    if (auto err = validate_cardholder_name(input.name)) return Result<CardSummary>::failure(err);
    if (auto err = validate_postal_code(input.postal_code)) return Result<CardSummary>::failure(err);
    CardSummary out;
    out.brand = brand;
    out.last4 = card_last4(input.number);
    out.exp_month = exp.value.month;
    out.exp_year = exp.value.year;
    return Result<CardSummary>::success(std::move(out));
}

}  // namespace pw
