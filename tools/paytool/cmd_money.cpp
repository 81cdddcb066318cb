// paytool money / paytool currency: typed amounts and ISO 4217 look-ups.
#include "commands.hpp"

namespace paytool {

// {"input","minor","canonical","error"}: all four keys always present; minor
// and canonical are null on error, error is null on success. The --currency
// flag is looked up like `paytool currency` does (case and surrounding
// whitespace ignored); an unknown one fails every line with unknown_currency.
nlohmann::json money_line(std::string_view line, std::string_view currency,
                          const pw::AmountSeparators& separators) {
    nlohmann::json out = {{"input", std::string(line)}, {"minor", nullptr}, {"canonical", nullptr},
                          {"error", nullptr}};
    const pw::CurrencyInfo* info = pw::find_currency_typed(currency);
    const std::string_view code = info != nullptr ? info->code : currency;
    auto parsed = pw::parse_amount(line, code, separators);
    if (!parsed) {
        out["error"] = error_json(parsed.error);
        return out;
    }
    out["minor"] = parsed.value;
    out["canonical"] = pw::format_minor(parsed.value, info->exponent);
    return out;
}

// {"input","known","exponent"}: input echoes the raw line; the look-up
// ignores surrounding ASCII whitespace and accepts lower case ("usd"), as a
// person would type it. exponent is null when the code is unknown.
nlohmann::json currency_line(std::string_view line) {
    const pw::CurrencyInfo* info = pw::find_currency_typed(line);
    nlohmann::json out = {{"input", std::string(line)}, {"known", info != nullptr}, {"exponent", nullptr}};
    if (info != nullptr) out["exponent"] = info->exponent;
    return out;
}

}  // namespace paytool
