// Start-up recovery: resolves every payment left `reserved` by a crash (or a
// failed settle) by asking the processor what it recorded for the charge key.
//   recorded       -> settled exactly as txn 2 would (settle_reserved), and
//                     its idempotency record finished with that response, so
//                     the payer's retry with the same key gets it;
//   never charged  -> released, and the idempotency claim dropped, so the
//                     payer's retry runs afresh and pays once;
//   lookup error   -> left reserved and logged (tried again next start).
// Also re-applies bank debits whose settlement the processor already
// reported but the server did not record (`processing` payments).
//
// Run it BEFORE the server listens. With several processes on one database,
// a process starting while another is mid-charge could release that charge's
// reservation: start them together, or one at a time while idle.
#pragma once

#include <cstddef>

#include "app/app.hpp"

namespace pws {

struct RecoveryReport {
    std::size_t settled = 0;
    std::size_t released = 0;
    std::size_t left = 0;  // lookup failed
};

RecoveryReport recover_reserved_payments(App& app);

}  // namespace pws
