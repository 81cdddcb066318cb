// Outgoing email without SMTP (a later issue): each message is rendered as
// a MIME multipart/alternative (plain text + HTML, UTF-8) and written as an
// .eml file into app.config.outbox_dir, plus an outbox record in the store.
// Header values are folded to one line and non-ASCII words RFC 2047-encoded,
// so nothing a practitioner or client typed can inject a header.
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

// Writes the .eml (created atomically: temp file + rename; the outbox
// directory is created when missing) and inserts the outbox record.
// Errors: outbox_unwritable (field outbox), storage failures.
pw::Result<OutboxEmail> deliver_to_outbox(App& app, const EmailMessage& message);

// HTML-escapes text for an element or a double-quoted attribute.
std::string html_escape(std::string_view text);

}  // namespace pws
