// The catalogue of every error and decline code the API returns: its HTTP
// status, what kind of problem it is, and the payer message (what happened
// and what to do). docs/api.md lists the same table; test_decline checks the
// two agree.
//
// Two families:
//   * error codes travel in {"error":{"code","message","field"}} with the
//     row's HTTP status (400, 401, 403, 404, 409, 410, 413, 422, 429, 5xx);
//   * decline codes travel inside a 200 payment response, in
//     payment.decline {code, message}: the request worked, the bank said no.
//     Bank-debit returns use the same place (payment.status "failed").
// Codes produced by the core's validators (card.hpp, bank_debit.hpp,
// partial_plan.hpp, json_read.hpp) keep their own messages, which name the
// field; the catalogue only fixes their HTTP status (422, or 400 for
// unreadable JSON). A code missing from the table maps to 422.
//
// The words are the message catalogue's (messages.hpp): each row names its
// message id ("error.<code>", "decline.<code>", "bank_return.<code>");
// `message` is its English text, the API's language.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "paywidget/api.hpp"

namespace pw {

enum class CodeKind {
    request,      // the body or a field is wrong: fix the input (400/413/422)
    auth,         // who is asking: 401/403
    link,         // the pay link or an invitation/reset link: 404/410
    conflict,     // state or idempotency conflicts: 409
    limit,        // 429
    server,       // 5xx: not the payer's fault, try again later
    card_decline,  // payment.decline for a card
    bank_return,   // payment.decline for a bank debit
};
std::string_view code_kind_id(CodeKind k);

struct CodeInfo {
    std::string_view code;
    int http_status;        // 200 for declines (they ride in a payment response)
    CodeKind kind;
    std::string_view message;  // payer message; "" for validator codes
    std::string_view field;    // input the payer should look at ("cvc"), or ""
    bool retryable;            // the same attempt may succeed if tried again
    std::string_view message_id = {};  // catalogue id of `message`; "" for validator codes
};

// Every row, errors first then card declines then bank returns. A code can
// appear once per kind (insufficient_funds is both a card decline and a bank
// return, with different wording).
const std::vector<CodeInfo>& code_catalogue();

// The first row with this code that is not a decline/return; nullptr if none.
const CodeInfo* find_error_code(std::string_view code);

// HTTP status for an error code: the row's status, 422 when not listed
// (validator codes such as invalid_card_number).
int http_status_for(std::string_view code);

// The payer message for an error code ("" when the row has none: validator
// codes carry their own message).
std::string_view error_message_for(std::string_view code);

// What a processor or bank said, turned into what the payer is told:
//   - the PUBLIC code: lost_card, stolen_card, fraudulent, pickup_card,
//     restricted_card, security_violation, merchant_blacklist and
//     card_declined become "generic_decline" (a payer is never told the card
//     is flagged); unknown codes become "generic_decline" (card) or
//     "debit_returned" (bank);
//   - the message for the payment method: what happened and what to do
//     (contact your bank or card issuer; an HSA/FSA card: contact your
//     practitioner; try another card).
struct DeclineAdvice {
    std::string code;     // public code
    std::string message;  // payer message
    std::string field;    // input to focus ("cvc", "exp", "number"), or ""
    bool retryable = false;  // processing_error: the same card may work on retry
};
DeclineAdvice advise_decline(std::string_view raw_code, MethodType method);
// advise_decline's message in `locale` (the widget: the payer's language).
std::string decline_text(std::string_view locale, std::string_view raw_code, MethodType method);
// An API error's message in `locale`: the catalogue's for a listed code,
// or the catalogue's "error.<code>" (network_error, which no server sends),
// else `message` as the server sent it (validator codes name their field).
std::string api_error_text(std::string_view locale, std::string_view code, std::string_view message);
Decline to_decline(const DeclineAdvice& a);

}  // namespace pw
