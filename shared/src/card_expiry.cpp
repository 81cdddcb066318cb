// Card expiry dates as payers type them (and as browsers autofill them).
#include "paywidget/card.hpp"
#include "paywidget/messages.hpp"

namespace pw {

namespace {

// Issuers print expiry dates at most this many years ahead; anything later
// is a typo (e.g. "12/92" read as 2092).
constexpr int kMaxYearsAhead = 19;

std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int to_int(std::string_view digits) {  // callers pass at most 4 digits
    int v = 0;
    for (char c : digits) v = v * 10 + (c - '0');
    return v;
}

Error format_error() {
    return catalogue_error("invalid_expiry", "exp", "card.expiry_format");
}

// "MM" or "M" and "YY" or "YYYY" already split apart.
Result<CardExpiry> from_parts(std::string_view month, std::string_view year) {
    if (!all_digits(month) || month.size() > 2 || !all_digits(year) ||
        (year.size() != 2 && year.size() != 4))
        return Result<CardExpiry>::failure(format_error());
    CardExpiry e;
    e.month = to_int(month);
    e.year = year.size() == 2 ? 2000 + to_int(year) : to_int(year);
    if (e.month < 1 || e.month > 12)
        return Result<CardExpiry>::failure(catalogue_error("invalid_expiry_month", "exp", "card.expiry_month"));
    return Result<CardExpiry>::success(e);
}

// A leading 2-9 can only be a one-digit month ("837" is 8/37); a leading 0
// or 1 may be the first digit of a two-digit month ("122" is 1/22 or an
// unfinished 12/2x), so the one-digit-month forms need a 2-9.
bool one_digit_month(std::string_view digits) { return digits.front() >= '2'; }

// Digits run together: MMYY, MMYYYY, and MYY / MYYYY when the month can
// only be one digit; anything else is refused as ambiguous or incomplete.
Result<CardExpiry> from_digit_run(std::string_view s) {
    switch (s.size()) {
        case 4:
        case 6: return from_parts(s.substr(0, 2), s.substr(2));
        case 3:
        case 5:
            if (one_digit_month(s)) return from_parts(s.substr(0, 1), s.substr(1));
            break;
        default: break;
    }
    return Result<CardExpiry>::failure(format_error());
}

}  // namespace

Result<CardExpiry> parse_card_expiry(std::string_view text) {
    const std::string_view s = trim_spaces(text);
    if (s.empty())
        return Result<CardExpiry>::failure(catalogue_error("expiry_required", "exp", "card.expiry_required"));
    // "YYYY-MM" (ISO, e.g. from <input type="month">) and "YYYY-M".
    if ((s.size() == 6 || s.size() == 7) && s[4] == '-' && all_digits(s.substr(0, 4)))
        return from_parts(s.substr(5), s.substr(0, 4));
    // "MM/YY", "M/YYYY", "12 / 29": one slash, spaces around it allowed.
    if (auto slash = s.find('/'); slash != std::string_view::npos) {
        if (s.find('/', slash + 1) != std::string_view::npos)
            return Result<CardExpiry>::failure(format_error());
        return from_parts(trim_spaces(s.substr(0, slash)), trim_spaces(s.substr(slash + 1)));
    }
    // "MM YY": month and year separated by spaces.
    if (auto space = s.find(' '); space != std::string_view::npos)
        return from_parts(s.substr(0, space), trim_spaces(s.substr(space + 1)));
    if (all_digits(s)) return from_digit_run(s);
    return Result<CardExpiry>::failure(format_error());
}

std::string format_card_expiry(std::string_view text) {
    if (!all_digits(text) || text.size() > 6) return std::string(text);
    // The month is complete once it cannot take another digit: at once for
    // 2-9 ("4" -> "04 / "), after two digits for 0 and 1 ("1229" -> "12 / 29").
    if (one_digit_month(text) && text.size() <= 5)
        return "0" + std::string(text.substr(0, 1)) + " / " + std::string(text.substr(1));
    if (!one_digit_month(text) && text.size() >= 3)
        return std::string(text.substr(0, 2)) + " / " + std::string(text.substr(2));
    return std::string(text);
}

Error check_card_expiry(const CardExpiry& expiry, const Date& today) {
    if (expiry.month < 1 || expiry.month > 12)
        return catalogue_error("invalid_expiry_month", "exp", "card.expiry_month");
    // Good through the last day of the expiry month: compare months only.
    if (expiry.year < today.year || (expiry.year == today.year && expiry.month < today.month))
        return catalogue_error("card_expired", "exp", "card.expired");
    if (expiry.year > today.year + kMaxYearsAhead)
        return catalogue_error("expiry_too_far", "exp", "card.expiry_too_far");
    return {};
}

Result<CardExpiry> validate_card_expiry(std::string_view text, const Date& today) {
    auto parsed = parse_card_expiry(text);
    if (!parsed) return parsed;
    if (auto err = check_card_expiry(parsed.value, today))
        return Result<CardExpiry>::failure(std::move(err));
    return parsed;
}

}  // namespace pw
