// What the console does to an issued invoice, each written to the
// practice's activity: send (or resend) the Pay Invoice email, revoke a
// link, void an unpaid invoice.
#pragma once

#include <string>

#include "app/app.hpp"
#include "paywidget/api.hpp"
#include "services/activity.hpp"

namespace pws {

// send_invoice_email, refused for a void invoice (invalid_value, field
// status), then "invoice.sent" in the activity. The email cannot be part of
// a transaction, so the log line is written right after it went out.
pw::Result<pw::SendInvoiceResponse> send_invoice_logged(App& app, const Practice& practice,
                                                        const std::string& invoice_id,
                                                        const pw::SendInvoiceRequest& req, const Actor& actor);

// Revokes the invoice's link with "link.revoked" logged in the same
// transaction. not_found when the invoice or link is not the practice's.
pw::Error revoke_link_logged(App& app, const Practice& practice, const std::string& invoice_id,
                             const std::string& link_id, const Actor& actor);

// Voids the practice's invoice when nothing is paid, processing or
// reserved on it (WriteTxn::void_unpaid_invoice: checked and set in one
// transaction, with "invoice.voided" logged in it). Errors: not_found,
// state_conflict (field payments), storage failures.
pw::Error void_invoice(App& app, const Practice& practice, const std::string& invoice_id, const Actor& actor);

}  // namespace pws
