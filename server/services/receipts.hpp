// GET /api/v1/receipts/{payment_id}: the paid invoice as receipt (invoice,
// every payment attempt that reached the processor, refunds, balance).
// Receipts carry health information: only the link of that invoice or the
// session of its client may see one; anyone else gets 404 not_found (its
// existence is not revealed).
#pragma once

#include <string_view>

#include "app/app.hpp"
#include "auth/payer_auth.hpp"
#include "paywidget/api.hpp"

namespace pws {

// The receipt, or not_found (also for a payment this payer may not see, or
// one that never reached the processor); a failing store: server_failure.
pw::Result<pw::Receipt> receipt_for(App& app, const Payer& payer, std::string_view payment_id);

}  // namespace pws
