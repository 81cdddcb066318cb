// Test numbers: Stripe's published test cards and bank accounts (see
// README.md). Matching is on the whole number, never a suffix, so a real
// card that happens to end in 0002 is not declined.
#include "processor/test_behaviour.hpp"

#include <array>

namespace pws {
namespace {

struct CardRow {
    std::string_view number;
    ChargeStatus status;
    std::string_view code;
};

constexpr std::array kCards{
    CardRow{"4000000000000002", ChargeStatus::declined, "card_declined"},
    CardRow{"4000000000009995", ChargeStatus::declined, "insufficient_funds"},
    CardRow{"4000000000000069", ChargeStatus::declined, "expired_card"},
    CardRow{"4000000000000127", ChargeStatus::declined, "incorrect_cvc"},
    CardRow{"4000000000009987", ChargeStatus::declined, "lost_card"},
    CardRow{"4000000000009979", ChargeStatus::declined, "stolen_card"},
    CardRow{"4000000000000119", ChargeStatus::processing_error, "processing_error"},
};

// Return outcomes shared by the schemes; the reason code is per network.
struct ReturnRow {
    std::string_view code;
    std::string_view ach;   // NACHA return reason
    std::string_view pad;   // Payments Canada (CPA) return reason
    std::string_view sepa;  // ISO 20022 reason
};
constexpr ReturnRow kInsufficient{"insufficient_funds", "R01", "901", "AM04"};
constexpr ReturnRow kClosed{"account_closed", "R02", "905", "AC04"};
constexpr ReturnRow kNoAccount{"no_account", "R03", "902", "AC01"};

// ACH and PAD share Stripe's test account numbers (Stripe uses the same
// numbers for us_bank_account and acss_debit).
const ReturnRow* account_return(std::string_view account) {
    if (account == "000222222227") return &kInsufficient;
    if (account == "000111111113") return &kClosed;
    if (account == "000111111116") return &kNoAccount;
    return nullptr;  // 000123456789 and every other account settle
}

// Stripe's German test IBANs that fail (Stripe does not name the reason; we
// pick one per IBAN so both return paths can be tested).
const ReturnRow* iban_return(std::string_view iban) {
    if (iban == "DE62370400440532013001") return &kInsufficient;
    if (iban == "DE78370400440532013004") return &kClosed;
    return nullptr;  // DE89370400440532013000, AT611904300234573201, ... settle
}

}  // namespace

TestBehaviour test_card_behaviour(std::string_view digits) {
    for (const CardRow& row : kCards)
        if (row.number == digits) return {row.status, std::string(row.code), ""};
    return {ChargeStatus::succeeded, "", ""};
}

TestBehaviour test_bank_behaviour(const BankDetails& bank) {
    const ReturnRow* row = nullptr;
    std::string_view reason;
    switch (bank.scheme) {
        case pw::BankScheme::ach:
            row = account_return(bank.account_number);
            if (row) reason = row->ach;
            break;
        case pw::BankScheme::pad:
            row = account_return(bank.account_number);
            if (row) reason = row->pad;
            break;
        case pw::BankScheme::sepa:
            row = iban_return(bank.iban);
            if (row) reason = row->sepa;
            break;
    }
    if (!row) return {ChargeStatus::pending, "", ""};
    return {ChargeStatus::pending, std::string(row->code), std::string(reason)};
}

}  // namespace pws
