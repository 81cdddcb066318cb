// The practitioner console's records: practice users, console sessions and
// the activity log (schema version 6).
#include "storage/sql_txn.hpp"

namespace pws {

namespace {

#define USER_COLS "id, practice_id, email, name, role, password_hash, created_at, disabled_at"
#define ACTIVITY_COLS "id, practice_id, at, actor, action, subject, detail"

PracticeUser read_user(const db::Query& q) {
    PracticeUser u;
    u.id = q.text(0);
    u.practice_id = q.text(1);
    u.email = q.text(2);
    u.name = q.text(3);
    u.role = q.text(4) == "owner" ? PracticeRole::owner : PracticeRole::staff;
    u.password_hash = q.text(5);
    u.created_at = q.i64(6);
    u.disabled_at = q.opt_i64(7);
    return u;
}

ActivityEntry read_activity(const db::Query& q) {
    return ActivityEntry{q.text(0), q.text(1), q.i64(2), q.text(3), q.text(4), q.text(5), q.text(6)};
}

}  // namespace

// ---------------------------------------------------------------- users

Result<PracticeUser> SqlTxn::practice_user(std::string_view id) {
    db::Query q(c_, "SELECT " USER_COLS " FROM practice_users WHERE id = ?1");
    q.args(id);
    return detail::one_row<PracticeUser>(q, read_user, "user");
}

Result<PracticeUser> SqlTxn::practice_user_by_email(std::string_view email) {
    db::Query q(c_, "SELECT " USER_COLS " FROM practice_users WHERE " + detail::email_equals(c_, "?1"));
    q.args(email);
    return detail::one_row<PracticeUser>(q, read_user, "user");
}

Result<std::vector<PracticeUser>> SqlTxn::practice_users(std::string_view practice_id) {
    db::Query q(c_, "SELECT " USER_COLS " FROM practice_users WHERE practice_id = ?1 ORDER BY created_at, id");
    q.args(practice_id);
    return detail::all_rows<PracticeUser>(q, read_user);
}

Error SqlTxn::insert_practice_user(const PracticeUser& u) {
    db::Query q(c_, "INSERT INTO practice_users (" USER_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    q.args(u.id, u.practice_id, u.email, u.name, practice_role_id(u.role), u.password_hash, u.created_at,
           u.disabled_at);
    return q.run();
}

Error SqlTxn::set_practice_user_password(std::string_view user_id, std::string_view password_hash) {
    db::Query q(c_, "UPDATE practice_users SET password_hash = ?2 WHERE id = ?1");
    q.args(user_id, password_hash);
    return detail::expect_one_row(c_, q, "user");
}

// ---------------------------------------------------------------- sessions

Result<ConsoleSession> SqlTxn::console_session(std::string_view id_hash, UnixTime now) {
    db::Query q(c_, "SELECT id_hash, user_id, created_at, idle_expires_at, expires_at FROM console_sessions "
                    "WHERE id_hash = ?1 AND idle_expires_at > ?2 AND expires_at > ?2");
    q.args(id_hash, now);
    return detail::one_row<ConsoleSession>(
        q, [](const db::Query& r) { return ConsoleSession{r.text(0), r.text(1), r.i64(2), r.i64(3), r.i64(4)}; },
        "session");
}

Error SqlTxn::insert_console_session(const ConsoleSession& s) {
    db::Query q(c_, "INSERT INTO console_sessions (id_hash, user_id, created_at, idle_expires_at, expires_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5)");
    q.args(s.id_hash, s.user_id, s.created_at, s.idle_expires_at, s.expires_at);
    return q.run();
}

Error SqlTxn::touch_console_session(std::string_view id_hash, UnixTime idle_expires_at) {
    // Never past the absolute expiry; never backwards (two requests at once).
    db::Query q(c_, "UPDATE console_sessions SET idle_expires_at = "
                    "CASE WHEN ?2 < expires_at THEN ?2 ELSE expires_at END "
                    "WHERE id_hash = ?1 AND idle_expires_at < ?2");
    q.args(id_hash, idle_expires_at);
    return q.run();
}

Error SqlTxn::delete_console_session(std::string_view id_hash) {
    db::Query q(c_, "DELETE FROM console_sessions WHERE id_hash = ?1");
    q.args(id_hash);
    return q.run();
}

// ---------------------------------------------------------------- activity

Result<std::vector<ActivityEntry>> SqlTxn::activity(std::string_view practice_id, std::size_t limit,
                                                    std::size_t offset) {
    db::Query q(c_, "SELECT " ACTIVITY_COLS " FROM activity WHERE practice_id = ?1 "
                    "ORDER BY at DESC, id DESC LIMIT ?2 OFFSET ?3");
    q.args(practice_id, static_cast<std::int64_t>(limit), static_cast<std::int64_t>(offset));
    return detail::all_rows<ActivityEntry>(q, read_activity);
}

Error SqlTxn::insert_activity(const ActivityEntry& a) {
    db::Query q(c_, "INSERT INTO activity (" ACTIVITY_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    q.args(a.id, a.practice_id, a.at, a.actor, a.action, a.subject, a.detail);
    return q.run();
}

}  // namespace pws
