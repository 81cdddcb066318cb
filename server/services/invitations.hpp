// Portal invitations: the practitioner invites a client, the client gets the
// link (/portal/invite#token=..., 7 days, once) by email. The token never
// goes back to the caller, so only the client's mailbox can activate the
// account.
#pragma once

#include "app/app.hpp"
#include "services/one_time_tokens.hpp"

namespace pws {

struct SentInvitation {
    std::string sent_to;
    UnixTime expires_at = 0;
};

// Voids the client's older invitations, issues a new one and emails it.
// Errors: portal_already_active (the client has a password: reset it
// instead), deliver_email's errors, storage failures.
pw::Result<SentInvitation> send_invitation(App& app, const Practice& practice, const Client& client);

}  // namespace pws
