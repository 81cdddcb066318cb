// Refunds (POST /api/v1/admin/payments/{id}/refunds), race-free like
// payments:
//   txn 1  claim the Idempotency-Key (scope "admin:<practice>"), check the
//          payment is the practice's, insert the refund as `reserved`
//          (the store refuses more than refundable_amount under the write
//          lock, so concurrent refunds never exceed what was settled);
//   call   processor.refund() outside any transaction, keyed by the
//          refund's own key (a retry never refunds twice);
//   txn 2  settle the refund and store the response under the key.
// A refund is a credit on the invoice; it never reopens the balance.
#pragma once

#include <string>

#include "app/app.hpp"
#include "http/service_outcome.hpp"  // KeyedReply
#include "services/activity.hpp"
#include "paywidget/api.hpp"

namespace pws {

// The answer: the RefundResponse (201) as stored under the key, or the
// stored response of an earlier request with the same key (replayed).
// Errors (not stored under the key, so a fixed request may retry):
//   not_found (404)                 not this practice's payment
//   refund_exceeds_settled (422)    amount > what is left of the settled payment
//   idempotency_mismatch, in_progress (409)
//   processor_unavailable (503)     the processor's answer is unknown (unreachable,
//                                   timed out): the refund stays reserved, the same key
//                                   answers in_progress, and recovery resolves it once
//                                   its lease lapses (recorded -> the stored 201;
//                                   never made -> the key is free again)
//   the processor's refusals        see refund_refusal (once a lookup confirms the
//                                   processor recorded nothing: the refund is released;
//                                   a lookup that fails leaves it reserved, as above)
//   storage failures (storage_busy, storage_error): never reported as not_found
pw::Result<KeyedReply> refund_payment(App& app, const Practice& practice, const std::string& payment_id,
                                       const std::string& idempotency_key, const pw::RefundRequest& req);
// The same, with who asked (a console user, an API key): the refund's
// settlement writes "refund.issued" to the practice's activity in its own
// transaction, so a refund and its log line commit together (a replay logs
// nothing: it settled once). Without an actor, the log says "api".
pw::Result<KeyedReply> refund_payment(App& app, const Practice& practice, const std::string& payment_id,
                                       const std::string& idempotency_key, const pw::RefundRequest& req,
                                       const Actor& actor);

// What the admin is told when the processor refused a refund the store
// allowed (nothing was refunded): processor_unavailable (503),
// charge_not_refundable / charge_not_found (409: the processor's charge is
// not in a refundable state, or unknown to it), refund_exceeds_charge (422,
// field amount: the processor's own total of refunds is higher than ours),
// any other refusal processor_refused (502, naming the processor's code).
pw::Error refund_refusal(const pw::Error& processor_error);

// Recovery (at start-up and periodically, services/recovery.hpp): every
// refund still `reserved` whose lease has lapsed (services/
// reservation_lease.hpp) is resolved with processor.lookup_refund():
// recorded -> succeeded (its stored response written), unknown -> failed
// (its idempotency claim dropped so a retry runs afresh). Returns how many
// were resolved.
pw::Result<int> recover_refunds(App& app);

}  // namespace pws
