// Outgoing email. Each message is rendered ONCE as a MIME
// multipart/alternative (plain text + HTML, UTF-8, CRLF) by render_mime, and
// those bytes go either to the SMTP server (app.config.smtp_url set:
// services/smtp_delivery.hpp) or into an .eml file in app.config.outbox_dir.
// Either way an outbox record is stored. Header values are folded to one
// line and non-ASCII words RFC 2047-encoded, so nothing a practitioner or
// client typed can inject a header.
//
// Sender: with app.config.smtp_from set, mail comes From
// "Dr. Maya Chen via paywidget" <smtp_from> with Reply-To the practitioner
// (what hosted invoicing products do: the platform's domain passes SPF/DKIM/
// DMARC, and replies still reach the practitioner). Without it, From is the
// practitioner's own address.
#pragma once

#include <string>

#include "app/app.hpp"

namespace pws {

struct EmailMessage {
    std::string practice_id;
    std::string invoice_id;  // "" when not about an invoice
    std::string from_name;
    std::string from_email;
    std::string to_name;
    std::string to_email;
    std::string subject;
    std::string text;  // plain-text body
    std::string html;  // HTML body (already escaped by the caller)
};

// The message as it goes on the wire (CRLF line endings). `sender` is the
// configured sender address ("" : the practitioner's own, no Reply-To).
std::string render_mime(const EmailMessage& message, const std::string& sender, const std::string& message_id,
                        UnixTime date);

struct Delivery {
    std::string kind;     // "smtp" | "outbox"
    OutboxEmail record;   // record.path: the .eml file, or the SMTP URL (no login)
};

// SMTP when app.config.smtp_url is set, else the outbox (the .eml is
// created atomically: temp file + rename; the directory is created when
// missing); then the outbox record. Once the message has left, a failure
// to store its record is logged, not returned: the caller must not treat
// a delivered email (and the link in it) as unsent.
// Errors: smtp_unreachable, smtp_rejected (smtp_delivery.hpp),
// outbox_unwritable (field outbox).
pw::Result<Delivery> deliver_email(App& app, const EmailMessage& message);

// HTML-escapes text for an element or a double-quoted attribute.
std::string html_escape(std::string_view text);

}  // namespace pws
