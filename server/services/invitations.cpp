#include "services/invitations.hpp"

#include "services/portal_emails.hpp"

namespace pws {

pw::Result<SentInvitation> send_invitation(App& app, const Practice& practice, const Client& client) {
    using R = pw::Result<SentInvitation>;
    // An active account is changed only by its owner (password reset): an
    // invitation would let whoever reads it take the account over.
    if (client.portal_activated()) return R::failure("portal_already_active", "", "");
    auto issued = issue_one_time_token(app, client.id, OneTimePurpose::invitation, kInvitationSeconds);
    if (!issued) return R::failure(issued.error);
    auto delivered = send_portal_email(app, practice, client, PortalEmail::invitation,
                                       app.url("/portal/invite#token=" + issued.value.token));
    if (!delivered) return R::failure(delivered.error);
    return R::success(SentInvitation{client.email, issued.value.expires_at});
}

}  // namespace pws
