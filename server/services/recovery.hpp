// Recovery of reservations whose owner is gone or done: a payment still
// `reserved` whose lease has lapsed (services/reservation_lease.hpp: the
// instance that reserved it died, or its charge call ended without an
// answer it could record: a timeout, a failed settle). Each is resolved by
// asking the processor what it recorded for the charge key:
//   recorded       -> settled exactly as txn 2 would (settle_reserved), and
//                     its idempotency record finished with that response, so
//                     the payer's retry with the same key gets it;
//   never charged  -> released (only if the lease is still lapsed in the
//                     releasing transaction), and the idempotency claim
//                     dropped, so the payer's retry runs afresh and pays once;
//   lookup error   -> left reserved and logged (tried again next round).
//
// It runs at start-up (before the server listens) and every
// --recovery-interval-seconds in the settlement worker, in every instance.
// Instances may start, stop and recover at any moment on one database: a
// reservation whose owner is alive keeps its lease renewed, so no other
// instance touches it; two instances resolving the same lapsed reservation
// at once both ask the processor, and the store's compare-and-set lets only
// the first write count.
#pragma once

#include <cstddef>

#include "app/app.hpp"

namespace pws {

struct RecoveryReport {
    std::size_t settled = 0;
    std::size_t released = 0;
    std::size_t left = 0;  // lookup failed, or another instance got there first
};

RecoveryReport recover_reserved_payments(App& app);

// One round of both (payments, then refunds), logging what it did; what the
// settlement worker runs every recovery interval and main runs at start-up.
void recover_lapsed_reservations(App& app);

}  // namespace pws
