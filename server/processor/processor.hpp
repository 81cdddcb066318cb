// The payment processor as the server sees it: an external system that
// tokenizes payment details, charges, refunds and settles bank debits.
//
// The bundled TestProcessor (test_processor.hpp) implements it; a real
// adapter (Stripe, Moneris, ...) replaces it without touching the payment
// service. Every implementation must honour these contracts:
//
//   * Idempotency. charge() and refund() take a caller-chosen key. A second
//     call with the same key and the same arguments returns the FIRST
//     outcome and never moves money again; the same key with different
//     arguments fails with idempotency_mismatch. Keys are durable: they
//     survive a crash of the server AND of the processor client.
//   * Recoverability. lookup(key) returns what the processor recorded for a
//     charge key, or nullopt when it never saw that key. The server calls it
//     at start-up for every payment it reserved but did not settle (it may
//     have crashed between the charge and its own commit). A storage or
//     transport error is a failed Result, NEVER nullopt: "not found" would
//     make the server release money that was actually taken.
//   * Thread and process safety. Any number of threads and server processes
//     may call one processor (the test processor's ledger is a SQLite file
//     shared by every server process).
//   * No secrets out. References are opaque; nothing returned contains a full
//     card number, CVC or account number except TokenizeResult's
//     fingerprint_input, which the caller hashes (security/keyed_hash.hpp)
//     and drops.
//
// Error codes (Result failures) used by every implementation:
//   invalid_card_number / invalid_expiry / invalid_bank_account  (tokenize:
//       details a processor refuses; field names the input)
//   unknown_reference     charge() with a reference this processor never issued
//   invalid_amount        amount <= 0
//   invalid_currency      not three upper-case ASCII letters
//   idempotency_mismatch  key reused with different arguments
//   charge_not_found      refund() of an unknown charge id
//   charge_not_refundable refund() of a charge that did not succeed (declined,
//                         failed, pending or returned bank debit)
//   refund_exceeds_charge refund() that would take refunds above the charge
//   processor_unavailable storage / transport failure: nothing is known, the
//                         caller must retry later (never treat as declined)
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paywidget/api.hpp"      // pw::MethodType
#include "paywidget/invoice.hpp"  // pw::BankScheme
#include "paywidget/result.hpp"

namespace pws {

using TimePoint = std::chrono::system_clock::time_point;

// A card as the server has already validated it with the core
// (pw::validate_card_input). number is digits only.
struct CardDetails {
    std::string number;
    int exp_month = 0;  // 1..12
    int exp_year = 0;   // four digits
    std::string cvc;
    std::string name;
    std::string postal_code;
};

// A bank account as validated by the core (bank_debit.hpp); digits only,
// IBAN in electronic form (no spaces, upper case).
struct BankDetails {
    pw::BankScheme scheme = pw::BankScheme::ach;
    std::string account_holder;
    std::string routing_number;      // ach: 9 digits
    std::string account_number;      // ach and pad
    std::string transit_number;      // pad: 5 digits
    std::string institution_number;  // pad: 3 digits
    std::string iban;                // sepa
};

struct TokenizeResult {
    std::string reference;  // opaque processor reference, e.g. "pm_test_..."
    pw::MethodType kind = pw::MethodType::card;
    std::string brand;      // card: pw::card_brand_id ("visa"); bank: "ach"/"pad"/"sepa"
    std::string last4;      // last four digits of the PAN / account / IBAN
    int exp_month = 0;      // cards only, else 0
    int exp_year = 0;
    // The instrument's identity (PAN digits; scheme + bank + account; IBAN)
    // for security::card_fingerprint(). SENSITIVE: hash it, never store or
    // log it.
    std::string fingerprint_input;
};

enum class ChargeStatus {
    succeeded,         // money taken (cards at once; bank debits once settled)
    pending,           // bank debit submitted, not settled yet
    declined,          // the issuer said no: decline_code
    processing_error,  // the processor failed; the payer may retry (new key)
    returned,          // bank debit returned after submission: decline_code
};
std::string_view charge_status_id(ChargeStatus s);

struct ChargeOutcome {
    ChargeStatus status = ChargeStatus::declined;
    std::string charge_id;     // "ch_test_..." (every recorded outcome has one)
    std::string decline_code;  // raw processor code for declined/returned/
                               // processing_error: card_declined,
                               // insufficient_funds, expired_card,
                               // incorrect_cvc, processing_error,
                               // account_closed, no_account. Map with
                               // pw::advise_decline before showing a payer.
    std::string return_reason; // returned: the network's code (R01, 905, AM04)
    bool retryable = false;    // processing_error: a new attempt may work
    std::int64_t amount = 0;
    std::string currency;
};

struct ChargeRequest {
    std::string key;        // idempotency key, e.g. the payment id
    std::string reference;  // from tokenize()
    std::int64_t amount = 0;  // minor units, > 0
    std::string currency;   // ISO 4217, upper case
};

struct RefundCall {
    std::string key;        // idempotency key, e.g. the refund id
    std::string charge_id;
    std::int64_t amount = 0;  // minor units, > 0
};

struct RefundOutcome {
    std::string refund_id;  // "re_test_..."
    std::string charge_id;
    std::int64_t amount = 0;
    std::int64_t refunded_total = 0;  // all refunds of the charge, this one included
};

// A bank debit that left `pending` during settle_due().
struct Settlement {
    std::string key;        // the charge key
    ChargeOutcome outcome;  // succeeded or returned
};

class Processor {
public:
    virtual ~Processor() = default;

    // Vaults the details and returns an opaque reference. Errors:
    // invalid_card_number, invalid_expiry, invalid_bank_account,
    // processor_unavailable.
    virtual pw::Result<TokenizeResult> tokenize_card(const CardDetails& card) = 0;
    virtual pw::Result<TokenizeResult> tokenize_bank(const BankDetails& bank) = 0;

    // Charges a reference once per key (see the contract above). A declined
    // or failed charge is a SUCCESSFUL Result whose outcome says so; a failed
    // Result means nothing was recorded (unknown_reference, invalid_amount,
    // invalid_currency, idempotency_mismatch, processor_unavailable).
    virtual pw::Result<ChargeOutcome> charge(const ChargeRequest& request) = 0;

    // The recorded outcome of the charge with this key, its CURRENT state
    // (a settled debit reads succeeded), or nullopt when the key was never
    // charged. Error: processor_unavailable.
    virtual pw::Result<std::optional<ChargeOutcome>> lookup(std::string_view key) = 0;

    // Refunds part or all of a succeeded charge, once per key. Errors:
    // charge_not_found, charge_not_refundable, refund_exceeds_charge,
    // idempotency_mismatch, invalid_amount, processor_unavailable.
    virtual pw::Result<RefundOutcome> refund(const RefundCall& request) = 0;

    // The recorded refund with this key, or nullopt. Error: processor_unavailable.
    virtual pw::Result<std::optional<RefundOutcome>> lookup_refund(std::string_view key) = 0;

    // Moves every pending bank debit due at `now` to succeeded or returned
    // and reports those transitions. Each transition is reported once; a
    // caller that crashes before applying them recovers with lookup() of its
    // `processing` payments. Error: processor_unavailable.
    virtual pw::Result<std::vector<Settlement>> settle_due(TimePoint now) = 0;
};

}  // namespace pws
