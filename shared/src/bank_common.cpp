// What ACH, PAD and SEPA share: the account holder's name and the reading of
// a number as typed.
#include <cstdint>

#include "paywidget/bank_debit.hpp"
#include "paywidget/messages.hpp"

namespace pw {

std::optional<std::string> bank_digits(std::string_view input) {
    std::string out;
    out.reserve(input.size() < 64 ? input.size() : 64);
    for (char c : input) {
        if (c >= '0' && c <= '9') {
            out.push_back(c);
        } else if (c != ' ' && c != '-') {
            return std::nullopt;  // letters, dots, NUL, UTF-8 bytes: not a number
        }
    }
    return out;
}

namespace {

bool is_trimmed_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 when it is
// not well-formed (overlong, surrogate, beyond U+10FFFF, truncated).
std::size_t decode_utf8(std::string_view s, std::size_t i, std::uint32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len;
    std::uint32_t min;
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    } else if ((b0 & 0xE0) == 0xC0) {
        len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (s.size() - i < len) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

// Characters that never belong in a name and can corrupt a mandate or a
// processor's record: C0/C1 controls, DEL and the Unicode line separators.
bool is_control(std::uint32_t cp) {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

}  // namespace

Result<std::string> validate_account_holder(std::string_view name) {
    using R = Result<std::string>;
    std::size_t b = 0, e = name.size();
    while (b < e && is_trimmed_space(name[b])) ++b;
    while (e > b && is_trimmed_space(name[e - 1])) --e;
    const std::string_view trimmed = name.substr(b, e - b);
    if (trimmed.empty()) {
        return R::failure(catalogue_error("missing_account_holder", "account_holder", "bank.holder_required"));
    }
    std::size_t chars = 0;
    for (std::size_t i = 0; i < trimmed.size();) {
        std::uint32_t cp = 0;
        const std::size_t len = decode_utf8(trimmed, i, cp);
        if (len == 0 || is_control(cp)) {
            return R::failure(catalogue_error("invalid_account_holder", "account_holder", "bank.holder_invalid"));
        }
        i += len;
        // Counting stops mattering once past the limit; the scan still
        // finishes so that a bad byte later is reported the same way.
        ++chars;
    }
    if (chars > kMaxAccountHolderChars) {
        return R::failure(catalogue_error("account_holder_too_long", "account_holder", "bank.holder_too_long",
                                          {{"max", std::to_string(kMaxAccountHolderChars)}}));
    }
    return R::success(std::string(trimmed));
}

}  // namespace pw
