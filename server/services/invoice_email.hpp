// POST /api/v1/admin/invoices/{id}/send: a fresh payment link, and the
// invoice email (HTML + plain text, a "Pay Invoice" button carrying the
// link, the practitioner's contact) delivered by SMTP or to the outbox
// (services/outbox.hpp's deliver_email). Older links are revoked (when
// asked) only after the email went out; when delivery fails the new link is
// revoked, so a failed send leaves the invoice's links as they were.
// The email speaks the client's stored language (Client::locale), else
// English; amounts and dates are written for that locale (display_text).
#pragma once

#include <string>

#include "app/app.hpp"
#include "paywidget/api.hpp"

namespace pws {

// Errors: not_found (not this practice's invoice), those of issue_link and
// deliver_email (smtp_unreachable, smtp_rejected, outbox_unwritable).
pw::Result<pw::SendInvoiceResponse> send_invoice_email(App& app, const Practice& practice,
                                                       const std::string& invoice_id,
                                                       const pw::SendInvoiceRequest& req);

struct RenderedEmail {
    std::string subject;
    std::string text;
    std::string html;
};

// The invoice email for `invoice` with its pay URL (pure, for tests).
RenderedEmail render_invoice_email(const pw::Invoice& invoice, const std::string& pay_url);
// The same in `locale` (a supported locale: subject, text and HTML).
RenderedEmail render_invoice_email(const pw::Invoice& invoice, const std::string& pay_url, std::string_view locale);


}  // namespace pws
