// Invitations to the practitioner console: the owner invites a person by
// email with a role; the email (through the outbox, services/outbox.hpp)
// carries /console/invitation?token=… (the access log redacts every query
// parameter named token; the page posts the token back in a form body). The
// token is 256 random bits; only its keyed hash is stored (KeyUse::
// one_time_token: another table than the portal's tokens, so they never
// meet). It works for 7 days, once: accepting it creates the practice user
// with the invited role and marks it used in ONE transaction, so a double
// submit or two instances at once make one user. Every step is in Activity.
#pragma once

#include <string>
#include <vector>

#include "app/app.hpp"
#include "services/activity.hpp"

namespace pws {

inline constexpr UnixTime kPracticeInvitationSeconds = 7 * 86400;
// The longest token we look up (ours are 43 characters).
inline constexpr std::size_t kMaxInvitationTokenChars = 128;

struct NewPracticeInvitation {
    std::string name;
    std::string email;
    PracticeRole role = PracticeRole::staff;
};

// Checks name and email with the core's rules, refuses an email that
// already belongs to a console user (user_exists, field email), revokes the
// practice's older pending invitations for that email, stores the new one
// and logs "user.invited", then emails the link. Errors: the core's
// (invalid_email, invalid_value name), user_exists, deliver_email's,
// storage failures.
pw::Result<PracticeInvitation> invite_practice_user(App& app, const Practice& practice, const PracticeUser& inviter,
                                                    const NewPracticeInvitation& invitation);

// The invitation of a link's token, whatever its state (the page says
// which). not_found.
pw::Result<PracticeInvitation> find_practice_invitation(App& app, const std::string& token);

// Accepts the invitation: the password follows the portal's rules; creates
// the user and marks the invitation used in one transaction, with
// "user.joined" logged. Errors: invitation_used (410), invitation_invalid
// (410: unknown, expired or revoked), user_exists (the email got an account
// meanwhile), the core's password errors, storage failures.
pw::Result<PracticeUser> accept_practice_invitation(App& app, const std::string& token, const std::string& password);

// The practice's pending invitations, newest first.
pw::Result<std::vector<PracticeInvitation>> pending_invitations(App& app, std::string_view practice_id);

// Revokes a pending invitation of the practice ("user.invitation_revoked").
// not_found.
pw::Error revoke_practice_invitation(App& app, std::string_view practice_id, std::string_view id, const Actor& actor);

// Disables a STAFF user of the practice and ends their sessions, logged as
// "user.disabled". not_found (unknown, another practice's, already
// disabled), not_allowed (an owner: owners are not disabled from the console).
pw::Error disable_staff_user(App& app, std::string_view practice_id, std::string_view user_id, const Actor& actor);

}  // namespace pws
