// Canadian Pre-Authorized Debit: transit, institution and account numbers.
//
// Canadian numbers carry no check digit, so only the digit counts that
// Payments Canada fixes can be checked here.
#include "paywidget/bank_debit.hpp"
#include "paywidget/messages.hpp"

namespace pw {

namespace {

// Digits of `input`, or the error with `code`/`field` and the matching message.
Result<std::string> fixed_digits(std::string_view input, std::size_t min, std::size_t max,
                                 const char* code, const char* field, std::string_view empty_id,
                                 std::string_view count_id) {
    using R = Result<std::string>;
    auto digits = bank_digits(input);
    if (!digits) return R::failure(catalogue_error(code, field, count_id));
    if (digits->empty()) return R::failure(catalogue_error(code, field, empty_id));
    if (digits->size() < min || digits->size() > max) return R::failure(catalogue_error(code, field, count_id));
    return R::success(std::move(*digits));
}

}  // namespace

Result<std::string> validate_transit_number(std::string_view input) {
    return fixed_digits(input, 5, 5, "invalid_transit_number", "transit_number",
                        "bank.transit_required", "bank.transit_length");
}

Result<std::string> validate_institution_number(std::string_view input) {
    return fixed_digits(input, 3, 3, "invalid_institution_number", "institution_number",
                        "bank.institution_required", "bank.institution_length");
}

Result<std::string> validate_pad_account_number(std::string_view input) {
    return fixed_digits(input, 7, 12, "invalid_account_number", "account_number",
                        "bank.account_required", "bank.pad_account_length");
}

Error validate_pad(const PadDetails& d) {
    if (auto r = validate_account_holder(d.account_holder); !r) return r.error;
    if (auto r = validate_transit_number(d.transit_number); !r) return r.error;
    if (auto r = validate_institution_number(d.institution_number); !r) return r.error;
    if (auto r = validate_pad_account_number(d.account_number); !r) return r.error;
    return Error{};
}

}  // namespace pw
