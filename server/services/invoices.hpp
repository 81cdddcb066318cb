// Creating an invoice from the practitioner's request: numbering, contacts,
// settlement currency default, and every rule of the core (totals, policy,
// methods, FX) checked before it is stored.
#pragma once

#include <functional>

#include "app/app.hpp"
#include "paywidget/api.hpp"

namespace pws {

// The stored invoice's live view. Errors: not_found (field client_id: no
// such client in this practice), invalid_value (field number: already
// used), the core's invoice errors (field names the member, e.g.
// "discount", "items[0].unit_amount"), storage failures.
pw::Result<InvoiceView> create_invoice(App& app, const Practice& practice, const pw::CreateInvoiceRequest& req);

// create_invoice with the invoice's id chosen by the caller, and `also` run
// in the same transaction once the invoice is inserted (an error from it
// rolls the invoice back). The console issues a draft this way: the draft
// names the invoice id and is deleted in that transaction, so a double
// submit can create one invoice only. already_exists (field id) when the id
// is taken.
pw::Result<InvoiceView> create_invoice(App& app, const Practice& practice, const pw::CreateInvoiceRequest& req,
                                       const std::string& id, const std::function<pw::Error(WriteTxn&)>& also);

// The totals the core computes for `req` exactly as create_invoice stores
// them (pw::recompute_totals on the same definition), without a client or
// any storage: the console editor's live totals. Errors: the core's total
// errors (amount_overflow, discount_too_large).
pw::Result<pw::Invoice> invoice_totals(const Practice& practice, const pw::CreateInvoiceRequest& req);

// The invoice's live view when it belongs to `practice_id`; not_found
// otherwise (another practice's invoice is indistinguishable from none).
pw::Result<InvoiceView> practice_invoice(App& app, const std::string& practice_id, const std::string& invoice_id);

}  // namespace pws
