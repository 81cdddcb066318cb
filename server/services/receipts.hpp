// GET /api/v1/receipts/{payment_id}: the paid invoice as receipt (invoice,
// every payment attempt that reached the processor, refunds, balance).
// Receipts carry health information: only the link of that invoice or the
// session of its client may see one; anyone else gets 404 not_found (its
// existence is not revealed).
#pragma once

#include <string_view>

#include "app/app.hpp"
#include "auth/payer_auth.hpp"
#include "services/tokenize.hpp"  // ServiceReply

namespace pws {

ServiceReply receipt_for(App& app, const Payer& payer, std::string_view payment_id);

}  // namespace pws
