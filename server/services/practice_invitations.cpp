#include "services/practice_invitations.hpp"

#include "paywidget/api.hpp"
#include "security/keyed_hash.hpp"
#include "security/random.hpp"
#include "services/portal_emails.hpp"
#include "services/practice_users.hpp"

namespace pws {

namespace {

std::string role_text(PracticeRole r) { return r == PracticeRole::owner ? "owner" : "staff"; }

pw::Error send_invitation_email(App& app, const Practice& practice, const PracticeUser& inviter,
                                const PracticeInvitation& inv, const std::string& token) {
    // The portal's email layout (one paragraph, one button); the recipient
    // is not a client, only its name and address are used.
    Client recipient;
    recipient.name = inv.name;
    recipient.email = inv.email;
    PortalEmailText text;
    text.subject = "Join " + practice.name + " on the practitioner console";
    text.paragraph = inviter.name + " invites you to the practitioner console of " + practice.name + " as " +
                     role_text(inv.role) + ". Choose a password to start.";
    text.button = "Choose your password";
    text.closing = "The link works for 7 days, once. If you did not expect this, ignore this email.";
    auto sent = send_portal_email(app, practice, recipient, text,
                                  app.url("/console/invitation?token=" + token));
    return sent ? pw::Error{} : sent.error;
}

// The invitation's row under whichever key its hash was made with.
Result<PracticeInvitation> invitation_by_token(const App& app, ReadTxn& t, const std::string& token) {
    return find_by_token(app.secret, KeyUse::one_time_token, token, "not_found",
                         [&](const std::string& h) { return t.practice_invitation_by_token(h); });
}

}  // namespace

pw::Result<PracticeInvitation> invite_practice_user(App& app, const Practice& practice, const PracticeUser& inviter,
                                                    const NewPracticeInvitation& invitation) {
    using R = pw::Result<PracticeInvitation>;
    // A console user's name and email follow a client's rules (the core's codec).
    pw::CreateClientRequest shape;
    if (pw::Error e = pw::decode(nlohmann::json{{"name", invitation.name}, {"email", invitation.email}}, shape))
        return R::failure(e);
    const std::string token = random_token();
    PracticeInvitation inv;
    inv.id = random_id("pin_");
    inv.token_hash = hash_token(app.secret, KeyUse::one_time_token, token);
    inv.practice_id = practice.id;
    inv.email = shape.email;
    inv.name = shape.name;
    inv.role = invitation.role;
    inv.invited_by = inviter.id;
    inv.created_at = app.now();
    inv.expires_at = inv.created_at + kPracticeInvitationSeconds;
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        auto existing = t.practice_user_by_email(inv.email);
        if (existing.ok())
            return pw::make_error("user_exists", "email", "This email already belongs to a console user.");
        if (existing.error.code != "not_found") return existing.error;
        if (pw::Error r = t.revoke_practice_invitations_for(practice.id, inv.email, inv.created_at)) return r;
        if (pw::Error i = t.insert_practice_invitation(inv)) return i;
        return record_activity(t, app, practice.id, Actor::user(inviter), "user.invited", inv.id,
                               "Invited " + inv.name + " (" + inv.email + ") as " + role_text(inv.role));
    });
    if (e) return R::failure(e);
    // After the commit: the email is slow and cannot be rolled back. When it
    // fails, the invitation stays pending and the owner can invite again
    // (which revokes this one).
    if (pw::Error m = send_invitation_email(app, practice, inviter, inv, token)) return R::failure(m);
    return R::success(std::move(inv));
}

pw::Result<PracticeInvitation> find_practice_invitation(App& app, const std::string& token) {
    using R = pw::Result<PracticeInvitation>;
    if (token.empty() || token.size() > kMaxInvitationTokenChars) return R::failure("not_found", "invitation", "");
    PracticeInvitation out;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto found = invitation_by_token(app, t, token);
        if (!found) return found.error;
        out = std::move(found.value);
        return {};
    });
    if (e) return R::failure(e);
    return R::success(std::move(out));
}

pw::Result<PracticeUser> accept_practice_invitation(App& app, const std::string& token, const std::string& password) {
    using R = pw::Result<PracticeUser>;
    // Look it up first: a guessed, used or expired token must not cost an
    // Argon2id hash. The write transaction decides again.
    auto found = find_practice_invitation(app, token);
    if (!found) return R::failure(found.error.code == "not_found" ? pw::make_error("invitation_invalid", "token", "")
                                                                  : found.error);
    const PracticeInvitation& inv = found.value;
    if (inv.used_at) return R::failure("invitation_used", "token", "");
    if (inv.revoked_at || app.now() >= inv.expires_at) return R::failure("invitation_invalid", "token", "");
    // Hash before the write transaction: Argon2id must not run inside it.
    auto user = prepare_practice_user(app, NewPracticeUser{inv.practice_id, inv.email, inv.name, inv.role, password});
    if (!user) return user;
    pw::Error e = app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        auto used = t.consume_practice_invitation(inv.token_hash, app.now());
        if (!used) {
            if (used.error.code == "token_used") return pw::make_error("invitation_used", "token", "");
            if (used.error.code == "token_unknown" || used.error.code == "token_expired")
                return pw::make_error("invitation_invalid", "token", "");
            return used.error;
        }
        if (pw::Error i = t.insert_practice_user(user.value))
            return i.code == "already_exists" ? pw::make_error("user_exists", "email", "") : i;
        return record_activity(t, app, inv.practice_id, Actor::user(user.value), "user.joined", user.value.id,
                               user.value.name + " accepted the invitation and joined as " + role_text(inv.role));
    });
    if (e) return R::failure(e);
    return user;
}

pw::Result<std::vector<PracticeInvitation>> pending_invitations(App& app, std::string_view practice_id) {
    using R = pw::Result<std::vector<PracticeInvitation>>;
    std::vector<PracticeInvitation> out;
    pw::Error e = app.store->read_transaction([&](ReadTxn& t) -> pw::Error {
        auto found = t.pending_practice_invitations(practice_id, app.now());
        if (!found) return found.error;
        out = std::move(found.value);
        return {};
    });
    if (e) return R::failure(e);
    return R::success(std::move(out));
}

pw::Error revoke_practice_invitation(App& app, std::string_view practice_id, std::string_view id, const Actor& actor) {
    const UnixTime now = app.now();
    return app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        // Whom it invited, for the log line (the practice's pending ones only).
        auto pending = t.pending_practice_invitations(practice_id, now);
        if (!pending) return pending.error;
        std::string email;
        for (const PracticeInvitation& i : pending.value)
            if (i.id == id) email = i.email;
        if (pw::Error e = t.revoke_practice_invitation(practice_id, id, now)) return e;
        return record_activity(t, app, practice_id, actor, "user.invitation_revoked", id,
                               "Withdrew the invitation of " + email);
    });
}

pw::Error disable_staff_user(App& app, std::string_view practice_id, std::string_view user_id, const Actor& actor) {
    const UnixTime now = app.now();
    return app.store->write_transaction([&](WriteTxn& t) -> pw::Error {
        auto u = t.practice_user(user_id);
        if (!u) return u.error;
        if (u.value.practice_id != practice_id) return pw::make_error("not_found", "user", "");
        if (u.value.role == PracticeRole::owner) return pw::make_error("not_allowed", "user", "");
        if (pw::Error e = t.disable_practice_user(practice_id, user_id, now)) return e;
        if (pw::Error e = t.delete_user_console_sessions(user_id)) return e;
        return record_activity(t, app, practice_id, actor, "user.disabled", user_id,
                               "Disabled " + u.value.name + " (" + u.value.email + ")");
    });
}

}  // namespace pws
