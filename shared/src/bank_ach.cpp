// US ACH: ABA routing numbers, account numbers and account types.
#include "paywidget/bank_debit.hpp"
#include "paywidget/messages.hpp"

namespace pw {

namespace {

bool all_digits(std::string_view s) {
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

Result<std::string> routing_error(std::string_view message_id) {
    return Result<std::string>::failure(catalogue_error("invalid_routing_number", "routing_number", message_id));
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool aba_checksum_ok(std::string_view digits) {
    if (digits.size() != 9 || !all_digits(digits)) return false;
    static constexpr int kWeights[9] = {3, 7, 1, 3, 7, 1, 3, 7, 1};
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += kWeights[i] * (digits[static_cast<std::size_t>(i)] - '0');
    return sum % 10 == 0;
}

bool aba_prefix_ok(std::string_view digits) {
    if (digits.size() < 2 || !all_digits(digits.substr(0, 2))) return false;
    const int p = (digits[0] - '0') * 10 + (digits[1] - '0');
    return p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p == 80;
}

Result<std::string> validate_routing_number(std::string_view input) {
    auto digits = bank_digits(input);
    if (!digits) return routing_error("bank.routing_digits");
    if (digits->empty()) return routing_error("bank.routing_required");
    if (digits->size() != 9) return routing_error("bank.routing_length");
    if (*digits == "000000000") {
        return routing_error("bank.routing_invalid");
    }
    // The prefix is checked before the checksum: a number with a valid
    // checksum but an unassigned prefix is still not a bank.
    if (!aba_prefix_ok(*digits)) {
        return routing_error("bank.routing_not_us");
    }
    if (!aba_checksum_ok(*digits)) {
        return routing_error("bank.routing_typo");
    }
    return Result<std::string>::success(std::move(*digits));
}

Result<std::string> validate_ach_account_number(std::string_view input) {
    using R = Result<std::string>;
    auto digits = bank_digits(input);
    if (!digits) return R::failure(catalogue_error("invalid_account_number", "account_number", "bank.account_digits"));
    if (digits->empty()) {
        return R::failure(catalogue_error("invalid_account_number", "account_number", "bank.account_required"));
    }
    if (digits->size() < 4 || digits->size() > 17) {
        return R::failure(catalogue_error("invalid_account_number", "account_number", "bank.ach_account_length"));
    }
    return R::success(std::move(*digits));
}

Result<AchAccountType> parse_ach_account_type(std::string_view input) {
    std::size_t b = 0, e = input.size();
    while (b < e && input[b] == ' ') ++b;
    while (e > b && input[e - 1] == ' ') --e;
    std::string word;
    if (e - b <= 8) {  // longer than "checking" can match neither word
        for (std::size_t i = b; i < e; ++i) word.push_back(ascii_lower(input[i]));
    }
    if (word == "checking") return Result<AchAccountType>::success(AchAccountType::checking);
    if (word == "savings") return Result<AchAccountType>::success(AchAccountType::savings);
    return Result<AchAccountType>::failure(catalogue_error("invalid_account_type", "account_type", "bank.account_type"));
}

std::string_view to_string(AchAccountType type) {
    return type == AchAccountType::savings ? "savings" : "checking";
}

Error validate_ach(const AchDetails& d) {
    if (auto r = validate_account_holder(d.account_holder); !r) return r.error;
    if (auto r = validate_routing_number(d.routing_number); !r) return r.error;
    if (auto r = validate_ach_account_number(d.account_number); !r) return r.error;
    if (auto r = parse_ach_account_type(d.account_type); !r) return r.error;
    return Error{};
}

}  // namespace pw
