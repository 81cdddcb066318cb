// The shape every money-moving call shares (payments, refunds, recovery):
//   claim the Idempotency-Key and reserve (txn 1) -> call the processor
//   outside any transaction -> settle, or RELEASE when the call recorded
//   nothing.
// Release lives here once: the reservation stops counting and the key's
// claim is dropped, in ONE transaction, so the payer's (or admin's) retry
// with the same key runs afresh instead of replaying a failure.
#pragma once

#include <functional>
#include <string>

#include "storage/store.hpp"

namespace pws {

// `mark_released` moves the reserved record out of `reserved` (payment ->
// released, refund -> failed) and returns the store's error (state_conflict
// when someone else already resolved it). The claim (scope, key) is dropped
// when key is not empty.
pw::Error release_reservation(Store& store, const std::function<pw::Error(WriteTxn&)>& mark_released,
                              const std::string& idem_scope, const std::string& idem_key);

// release_reservation for a `reserved` payment: -> released at `now`.
pw::Error release_reserved_payment(Store& store, const PaymentRecord& p, UnixTime now);

// The same for recovery: only while the payment's lease is still lapsed at
// `now`, checked in the releasing transaction (state_conflict otherwise), so
// an owner that renewed its lease meanwhile keeps its reservation.
pw::Error release_lapsed_payment(Store& store, const PaymentRecord& p, UnixTime now);

}  // namespace pws
