// paytool card / paytool expiry: one card number or expiry per line.
#include "commands.hpp"
#include "paywidget/card.hpp"

namespace paytool {

// {"input","brand","network","valid","potentially_valid","luhn","cvc_length",
// "formatted"}. brand is what the payer sees, network what routes the card:
// they differ only for co-branded cards (see card.hpp: Naranja 402918 is
// brand "naranja", network "visa").
// cvc_length and formatted follow the detected brand and are null when it is
// unknown (this includes input with characters other than digits, spaces and
// dashes). When the number is not valid, "error" says why, as the widget
// would on submit (e.g. card_number_incomplete for "4242").
nlohmann::json card_line(std::string_view line) {
    const auto info = pw::inspect_card_number(line);
    const bool known = info.brand != pw::CardBrand::unknown;
    nlohmann::json out = {
        {"input", std::string(line)},
        {"brand", std::string(pw::card_brand_id(info.brand))},
        {"network", std::string(pw::card_brand_id(pw::card_network(info.digits)))},
        {"valid", info.valid},
        {"potentially_valid", info.potentially_valid},
        {"luhn", info.luhn},
        {"cvc_length", known ? nlohmann::json(pw::card_cvc_length(info.brand)) : nlohmann::json()},
        {"formatted", known ? nlohmann::json(pw::format_card_number(line)) : nlohmann::json()},
    };
    if (!info.valid) out["error"] = error_json(pw::validate_card_number(line));
    return out;
}

// {"input","valid","month","year"} plus "error" when not valid. month and
// year are null when the line could not be read as an expiry (including a
// month outside 1..12); an expired or too-far date still reports them.
nlohmann::json expiry_line(std::string_view line, const pw::Date& today) {
    nlohmann::json out = {
        {"input", std::string(line)},
        {"valid", false},
        {"month", nullptr},
        {"year", nullptr},
    };
    const auto parsed = pw::parse_card_expiry(line);
    if (!parsed) {
        out["error"] = error_json(parsed.error);
        return out;
    }
    out["month"] = parsed.value.month;
    out["year"] = parsed.value.year;
    if (auto err = pw::check_card_expiry(parsed.value, today))
        out["error"] = error_json(err);
    else
        out["valid"] = true;
    return out;
}

}  // namespace paytool
