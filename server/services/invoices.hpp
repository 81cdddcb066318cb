// Creating an invoice from the practitioner's request: numbering, contacts,
// settlement currency default, and every rule of the core (totals, policy,
// methods, FX) checked before it is stored.
#pragma once

#include "app/app.hpp"
#include "paywidget/api.hpp"

namespace pws {

// The stored invoice's live view. Errors: not_found (field client_id: no
// such client in this practice), invalid_value (field number: already
// used), the core's invoice errors (field names the member, e.g.
// "discount", "items[0].unit_amount"), storage failures.
pw::Result<InvoiceView> create_invoice(App& app, const Practice& practice, const pw::CreateInvoiceRequest& req);

// The invoice's live view when it belongs to `practice_id`; not_found
// otherwise (another practice's invoice is indistinguishable from none).
pw::Result<InvoiceView> practice_invoice(App& app, const std::string& practice_id, const std::string& invoice_id);

}  // namespace pws
