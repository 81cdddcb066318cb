// paytool iban / paytool routing: one line in, one JSON object out.
#include "commands.hpp"
#include "paywidget/bank_debit.hpp"

namespace paytool {

namespace {

constexpr std::size_t kMaxIbanLength = 34;  // ISO 13616

bool plausible_electronic(const std::string& e) {
    if (e.empty() || e.size() > kMaxIbanLength) return false;
    for (char c : e) {
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    }
    return true;
}

}  // namespace

// {"input","valid","country","electronic","formatted"} (+ "error" when
// invalid). Even for an invalid IBAN, "country" is given when the line
// starts with a known IBAN country code, and "electronic"/"formatted" when
// the line could be one (only letters and digits, at most 34, once spaces
// and dashes are dropped): a UI shows the payer their input regrouped while
// they fix it. Otherwise those keys are null.
nlohmann::json iban_line(std::string_view line) {
    nlohmann::json out = {{"input", std::string(line)},
                          {"valid", false},
                          {"country", nullptr},
                          {"electronic", nullptr},
                          {"formatted", nullptr}};
    const std::string e = pw::iban_electronic_form(line);
    if (e.size() >= 2) {
        if (const auto* c = pw::find_iban_country(std::string_view(e).substr(0, 2))) out["country"] = std::string(c->code);
    }
    if (plausible_electronic(e)) {
        out["electronic"] = e;
        out["formatted"] = pw::format_iban(e);
    }
    const auto r = pw::validate_iban(line);
    if (r.ok()) {
        out["valid"] = true;
    } else {
        out["error"] = error_json(r.error);
    }
    return out;
}

// {"input","valid"} (+ "error" when invalid).
nlohmann::json routing_line(std::string_view line) {
    nlohmann::json out = {{"input", std::string(line)}, {"valid", false}};
    const auto r = pw::validate_routing_number(line);
    if (r.ok()) {
        out["valid"] = true;
    } else {
        out["error"] = error_json(r.error);
    }
    return out;
}

}  // namespace paytool
