// Invitation and password-reset tokens: random, single use, expiring, only
// their keyed hash stored. The token travels in a URL fragment
// (/portal/invite#token=..., /portal/reset#token=...).
#pragma once

#include <string>

#include "app/app.hpp"

namespace pws {

inline constexpr UnixTime kInvitationSeconds = 7 * 86400;
inline constexpr UnixTime kPasswordResetSeconds = 3600;

struct IssuedToken {
    std::string token;
    UnixTime expires_at = 0;
};

// Stores a new token for the client; a new invitation voids the client's
// older unused invitations (only the newest email works). Storage errors
// only.
pw::Result<IssuedToken> issue_one_time_token(App& app, const std::string& client_id, OneTimePurpose purpose,
                                             UnixTime lifetime);

// Consumes the token and sets the client's password (activating the portal
// account); ends every session of the client and voids every other unused
// invitation or reset token of it, in the same transaction. Returns
// the client. Errors: invitation_invalid (410: unknown, used, expired, or
// another purpose), invalid_value (password), storage failures.
pw::Result<Client> redeem_one_time_token(App& app, const std::string& token, OneTimePurpose purpose,
                                         const std::string& password);

}  // namespace pws
