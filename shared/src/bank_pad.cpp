// Canadian Pre-Authorized Debit: transit, institution and account numbers.
//
// Canadian numbers carry no check digit, so only the digit counts that
// Payments Canada fixes can be checked here.
#include "paywidget/bank_debit.hpp"

namespace pw {

namespace {

// Digits of `input`, or the error with `code`/`field` and the matching message.
Result<std::string> fixed_digits(std::string_view input, std::size_t min, std::size_t max,
                                 const char* code, const char* field, const char* what_empty,
                                 const char* what_count) {
    using R = Result<std::string>;
    auto digits = bank_digits(input);
    if (!digits) return R::failure(code, field, std::string(what_count));
    if (digits->empty()) return R::failure(code, field, what_empty);
    if (digits->size() < min || digits->size() > max) return R::failure(code, field, what_count);
    return R::success(std::move(*digits));
}

}  // namespace

Result<std::string> validate_transit_number(std::string_view input) {
    return fixed_digits(input, 5, 5, "invalid_transit_number", "transit_number",
                        "Enter your branch's 5-digit transit number.",
                        "A transit number has 5 digits.");
}

Result<std::string> validate_institution_number(std::string_view input) {
    return fixed_digits(input, 3, 3, "invalid_institution_number", "institution_number",
                        "Enter your bank's 3-digit institution number.",
                        "An institution number has 3 digits.");
}

Result<std::string> validate_pad_account_number(std::string_view input) {
    return fixed_digits(input, 7, 12, "invalid_account_number", "account_number",
                        "Enter your account number.",
                        "A Canadian bank account number has 7 to 12 digits.");
}

Error validate_pad(const PadDetails& d) {
    if (auto r = validate_account_holder(d.account_holder); !r) return r.error;
    if (auto r = validate_transit_number(d.transit_number); !r) return r.error;
    if (auto r = validate_institution_number(d.institution_number); !r) return r.error;
    if (auto r = validate_pad_account_number(d.account_number); !r) return r.error;
    return Error{};
}

}  // namespace pw
