// The test processor's catalogue: which test card or bank account behaves
// how. Mirrors Stripe's test mode, so the numbers payers and developers know
// work here too (README.md in this directory lists them).
//
// The behaviour is decided at tokenization, from the full number, and stored
// against the reference; the PAN itself is never kept.
#pragma once

#include <string>
#include <string_view>

#include "processor/processor.hpp"

namespace pws {

struct TestBehaviour {
    // What charge() answers at once: succeeded, declined, processing_error
    // (cards) or pending (every bank debit).
    ChargeStatus at_charge = ChargeStatus::succeeded;
    // declined / processing_error: the decline code. Bank debits: the return
    // code applied at settlement ("" = the debit settles).
    std::string code;
    // Bank debits that return: the network's reason (ACH R01, PAD 901, SEPA AM04).
    std::string return_reason;

    friend bool operator==(const TestBehaviour&, const TestBehaviour&) = default;
};

// Digits-only card number -> behaviour. The listed Stripe test numbers
// decline or fail; every other number succeeds (validity is the caller's
// concern: TestProcessor checks it before asking).
TestBehaviour test_card_behaviour(std::string_view digits);

// Bank account -> behaviour: always pending at charge; the account number
// (ACH, PAD) or the IBAN (SEPA) decides whether it settles or returns.
TestBehaviour test_bank_behaviour(const BankDetails& bank);

}  // namespace pws
