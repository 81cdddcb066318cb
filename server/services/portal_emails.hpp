// The portal's own emails (invitation, password reset): one layout, a
// greeting, one paragraph, one button to a link with a one-time token, and
// a closing line; sent by deliver_email (SMTP or the outbox), in the
// client's language (services/email_locale.hpp) from the catalogue.
#pragma once

#include <string>

#include "services/outbox.hpp"

namespace pws {

struct PortalEmailText {
    std::string subject;
    std::string paragraph;  // plain text: what this is about
    std::string button;     // the button's label ("Choose a new password")
    std::string closing;    // plain text after the link (validity, what to do if unexpected)
};

// The portal's emails, each a set of catalogue ids (email.<kind>_subject,
// _text, _button, _closing) whose {practice} is the practice's name.
enum class PortalEmail { invitation, password_reset };

// The texts of `kind` in `locale` for `practice`.
PortalEmailText portal_email_text(PortalEmail kind, const Practice& practice, std::string_view locale);

// Sends `kind` to the client, in their language, with a button to `url`.
// Errors: those of deliver_email.
pw::Result<Delivery> send_portal_email(App& app, const Practice& practice, const Client& client, PortalEmail kind,
                                       const std::string& url);

// Sends `text` from the practice to the client with a button to `url` (the
// greeting in the client's language). Errors: those of deliver_email.
pw::Result<Delivery> send_portal_email(App& app, const Practice& practice, const Client& client,
                                       const PortalEmailText& text, const std::string& url);

}  // namespace pws
