// POST /api/v1/invoices/{id}/payments: the payment flow of server/README.md.
//
//   Txn 1 (BEGIN IMMEDIATE): claim the Idempotency-Key (replay / 409
//     idempotency_mismatch / 409 in_progress), load the invoice's live view,
//     plan the amount with pw::plan_payment against the live state (reserved,
//     processing and succeeded payments count), consume the single-use token
//     (or check the saved method belongs to the session's client), insert
//     the payment `reserved` with a fresh random charge key. Commit.
//   faults::maybe_crash("before_charge")
//   processor.charge(charge_key, ...) OUTSIDE any transaction.
//   faults::maybe_crash("after_charge")
//   Txn 2: settle (succeeded / processing) or release (declined / failed),
//     save the method (portal + save_method + success only), finish the
//     idempotency record with the response body.
// Errors before processing are never stored under the key (the txn rolls
// back the claim with everything else), so the payer may fix and retry.
#pragma once

#include <functional>

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "auth/payer_auth.hpp"
#include "paywidget/api.hpp"
#include "processor/processor.hpp"
#include "http/service_outcome.hpp"  // KeyedReply
#include "storage/store.hpp"

namespace pws {

// The idempotency scope of one payer's payments in a practice:
// "<practice>:payments:link:<link_id>" or "<practice>:payments:client:<client_id>".
// Per payer, so two payers who happen to send the same key (a widget bug,
// a guessed key) each get their own payment, never the other's response.
std::string payment_idem_scope(const Payer& payer);

// Txn 2 (of the payment, and of recovery): applies the processor's outcome
// to a `reserved` payment in one transaction: succeeded/pending/declined/
// processing_error/returned -> succeeded/processing/declined/failed/returned;
// saves the method for a portal payer who asked; finishes the idempotency
// record (when the payment has one) with the PaymentResponse, which is
// returned. Errors: the store's (state_conflict when someone else moved it).
// `first`, when given, runs first in the same transaction (the payment's
// give-back of its decline attempt); its error rolls the whole back.
pw::Result<nlohmann::json> settle_reserved(App& app, const PaymentRecord& p, const ChargeOutcome& outcome,
                                           const std::function<pw::Error(WriteTxn&)>& first = {});

// The whole flow. `idempotency_key` is the header value (nullopt: absent).
// The answer is the PaymentResponse (200) as stored under the key, or the
// stored response of an earlier request with the same key (replayed); a
// refusal is a domain error (http/service_outcome.hpp answers it), e.g.
// in_progress (409) while the charge's outcome is unknown.
pw::Result<KeyedReply> pay_invoice(App& app, const Payer& payer, std::string_view invoice_id,
                                   const std::optional<std::string>& idempotency_key,
                                   const pw::PaymentRequest& request, const std::string& client_address);

}  // namespace pws
