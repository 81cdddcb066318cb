// The console's people records beyond users and sessions
// (sql_txn_practice_users.cpp): invitations of practice users (schema
// version 7), disabling a user, and when a client was last invited to the
// portal.
#include "storage/sql_txn.hpp"

namespace pws {

namespace {

#define INVITATION_COLS \
    "id, token_hash, practice_id, email, name, role, invited_by, created_at, expires_at, used_at, revoked_at"

PracticeInvitation read_invitation(const db::Query& q) {
    PracticeInvitation i;
    i.id = q.text(0);
    i.token_hash = q.text(1);
    i.practice_id = q.text(2);
    i.email = q.text(3);
    i.name = q.text(4);
    i.role = q.text(5) == "owner" ? PracticeRole::owner : PracticeRole::staff;
    i.invited_by = q.text(6);
    i.created_at = q.i64(7);
    i.expires_at = q.i64(8);
    i.used_at = q.opt_i64(9);
    i.revoked_at = q.opt_i64(10);
    return i;
}

}  // namespace

Result<std::optional<UnixTime>> SqlTxn::last_portal_invitation(std::string_view client_id) {
    using R = Result<std::optional<UnixTime>>;
    db::Query q(c_, "SELECT MAX(created_at) FROM one_time_tokens WHERE client_id = ?1 AND purpose = 'invitation'");
    q.args(client_id);
    if (!q.next()) return q.error().ok() ? R::success(std::nullopt) : R::failure(q.error());
    return R::success(q.opt_i64(0));
}

Result<PracticeInvitation> SqlTxn::practice_invitation_by_token(std::string_view token_hash) {
    db::Query q(c_, "SELECT " INVITATION_COLS " FROM practice_invitations WHERE token_hash = ?1");
    q.args(token_hash);
    return detail::one_row<PracticeInvitation>(q, read_invitation, "invitation");
}

Result<std::vector<PracticeInvitation>> SqlTxn::pending_practice_invitations(std::string_view practice_id,
                                                                             UnixTime now) {
    db::Query q(c_, "SELECT " INVITATION_COLS " FROM practice_invitations WHERE practice_id = ?1 "
                    "AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?2 ORDER BY created_at DESC, id");
    q.args(practice_id, now);
    return detail::all_rows<PracticeInvitation>(q, read_invitation);
}

Error SqlTxn::insert_practice_invitation(const PracticeInvitation& i) {
    db::Query q(c_, "INSERT INTO practice_invitations (" INVITATION_COLS
                    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    q.args(i.id, i.token_hash, i.practice_id, i.email, i.name, practice_role_id(i.role), i.invited_by, i.created_at,
           i.expires_at, i.used_at, i.revoked_at);
    return q.run();
}

Error SqlTxn::revoke_practice_invitations_for(std::string_view practice_id, std::string_view email, UnixTime now) {
    db::Query q(c_, "UPDATE practice_invitations SET revoked_at = ?3 WHERE practice_id = ?1 AND " +
                        detail::email_equals(c_, "?2") + " AND used_at IS NULL AND revoked_at IS NULL");
    q.args(practice_id, email, now);
    return q.run();
}

Error SqlTxn::revoke_practice_invitation(std::string_view practice_id, std::string_view id, UnixTime now) {
    db::Query q(c_, "UPDATE practice_invitations SET revoked_at = ?3 WHERE id = ?1 AND practice_id = ?2 "
                    "AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?3");
    q.args(id, practice_id, now);
    return detail::expect_one_row(c_, q, "invitation");
}

Result<PracticeInvitation> SqlTxn::consume_practice_invitation(std::string_view token_hash, UnixTime now) {
    using R = Result<PracticeInvitation>;
    // The conditional UPDATE decides: of two redemptions at once (any
    // instance), exactly one changes the row.
    db::Query u(c_, "UPDATE practice_invitations SET used_at = ?2 WHERE token_hash = ?1 "
                    "AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?2");
    u.args(token_hash, now);
    if (Error e = u.run()) return R::failure(std::move(e));
    const bool took = c_.changes() == 1;
    Result<PracticeInvitation> found = practice_invitation_by_token(token_hash);
    if (!found.ok()) {
        if (found.error.code != "not_found") return found;
        return R::failure(pw::make_error("token_unknown", "token", "This invitation link is not valid."));
    }
    if (took) return found;
    if (found.value.used_at)
        return R::failure(pw::make_error("token_used", "token", "This invitation was already used."));
    return R::failure(pw::make_error("token_expired", "token", "This invitation has expired or was withdrawn."));
}

Error SqlTxn::disable_practice_user(std::string_view practice_id, std::string_view user_id, UnixTime now) {
    db::Query q(c_, "UPDATE practice_users SET disabled_at = ?3 WHERE id = ?1 AND practice_id = ?2 "
                    "AND disabled_at IS NULL");
    q.args(user_id, practice_id, now);
    return detail::expect_one_row(c_, q, "user");
}

Error SqlTxn::delete_user_console_sessions(std::string_view user_id) {
    db::Query q(c_, "DELETE FROM console_sessions WHERE user_id = ?1");
    q.args(user_id);
    return q.run();
}

}  // namespace pws
