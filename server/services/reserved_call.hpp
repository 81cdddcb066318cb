// The shape every money-moving call shares (payments, refunds, recovery):
//   claim the Idempotency-Key and reserve (txn 1) -> call the processor
//   outside any transaction -> settle, or RELEASE when the call recorded
//   nothing.
// Txn 1 is each caller's own (what it checks and reserves differs). From the
// call on, the rule is one, here: run_reserved_call decides between settle,
// release and "leave it reserved for recovery"; release_reservation is the
// one release: the reservation stops counting and the key's claim is
// dropped, in ONE transaction, so the payer's (or admin's) retry with the
// same key runs afresh instead of replaying a failure.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "storage/store.hpp"

namespace pws {

// How a reserved call ended.
enum class CallEnd {
    settled,        // the processor recorded it: settle ran (its result says how that went)
    released,       // the processor recorded nothing, and says so: release ran
    left_reserved,  // no answer to rely on: the reservation stays, its lease
                    // lapses, and recovery asks again (services/recovery.hpp)
};

// The steps of one reserved call. Each runs outside any transaction except
// its own.
template <class Outcome, class Settled>
struct ReservedCallSteps {
    // The processor call under the reservation's own key (charge, refund).
    // Empty for recovery, which only asks what an earlier call recorded.
    std::function<pw::Result<Outcome>()> call;
    // What the processor recorded under that key; nullopt: nothing.
    std::function<pw::Result<std::optional<Outcome>>()> lookup;
    // Txn 2: record the outcome (succeeded, declined, ...) and the answer.
    std::function<pw::Result<Settled>(const Outcome&)> settle;
    // The release (release_reservation or one of its forms below).
    std::function<pw::Error()> release;
};

template <class Settled>
struct ReservedCallEnd {
    CallEnd end = CallEnd::left_reserved;
    pw::Result<Settled> settled;  // end == settled: settle's result (an error: still reserved)
    pw::Error call_error;         // the call's failure, when it failed
    pw::Error lookup_error;       // the lookup's failure (end == left_reserved)
    pw::Error release_error;      // the release's failure (still reserved)
};

// The one rule after the reservation, for payments, refunds and recovery:
//   the call answered               -> settle with its outcome;
//   the call failed (or no call)    -> ask (lookup), never assume:
//     the lookup failed             -> left reserved;
//     a recorded outcome            -> settle with it;
//     nothing, after an unknown
//     failure (processor_unavailable: a timeout may still land) -> left reserved;
//     nothing, after a refusal, or
//     in recovery (the lease lapsed) -> release.
template <class Outcome, class Settled>
ReservedCallEnd<Settled> run_reserved_call(const ReservedCallSteps<Outcome, Settled>& steps) {
    ReservedCallEnd<Settled> out;
    bool may_still_land = false;
    if (steps.call) {
        pw::Result<Outcome> answered = steps.call();
        if (answered.ok()) {
            out.end = CallEnd::settled;
            out.settled = steps.settle(answered.value);
            return out;
        }
        out.call_error = answered.error;
        may_still_land = answered.error.code == "processor_unavailable";
    }
    pw::Result<std::optional<Outcome>> seen = steps.lookup();
    if (!seen.ok()) {
        out.lookup_error = seen.error;
        return out;
    }
    if (seen.value) {
        out.end = CallEnd::settled;
        out.settled = steps.settle(*seen.value);
        return out;
    }
    if (may_still_land) return out;
    out.release_error = steps.release();
    if (!out.release_error) out.end = CallEnd::released;
    return out;
}

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
