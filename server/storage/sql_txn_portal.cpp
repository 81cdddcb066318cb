// Idempotency claims, portal sessions, one-time tokens (invitations,
// password resets) and the outbox of emails.
#include "storage/sql_txn.hpp"

#include <algorithm>

namespace pws {

namespace {

#define OTT_COLS "token_hash, client_id, purpose, created_at, expires_at, used_at"
#define OUTBOX_COLS "id, practice_id, invoice_id, recipient, subject, path, created_at"

OneTimeToken read_ott(const db::Query& q) {
    OneTimeToken t;
    t.token_hash = q.text(0);
    t.client_id = q.text(1);
    t.purpose = q.text(2) == "password_reset" ? OneTimePurpose::password_reset
                                              : OneTimePurpose::invitation;
    t.created_at = q.i64(3);
    t.expires_at = q.i64(4);
    t.used_at = q.opt_i64(5);
    return t;
}

OutboxEmail read_outbox(const db::Query& q) {
    return OutboxEmail{q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.i64(6)};
}

}  // namespace

// ---------------------------------------------------------------- idempotency

Result<IdempotencyClaim> SqlTxn::claim_idempotency(std::string_view scope, std::string_view key,
                                                      std::string_view request_hash, UnixTime now,
                                                      const std::vector<std::string>& earlier_hashes) {
    using R = Result<IdempotencyClaim>;
    using Kind = IdempotencyClaim::Kind;
    // Insert first: of two claims racing on one key (two instances), exactly
    // one inserts; the other skips and then reads the winner's row (locked
    // on PostgreSQL, so it waits for the winner's commit and sees it).
    db::Query ins(c_, "INSERT INTO idempotency (scope, key, request_hash, state, created_at, "
                      "updated_at) VALUES (?1, ?2, ?3, 'in_progress', ?4, ?4) ON CONFLICT DO NOTHING");
    ins.args(scope, key, request_hash, now);
    if (Error e = ins.run()) return R::failure(std::move(e));
    if (c_.changes() == 1) return R::success(IdempotencyClaim{});
    db::Query q(c_, detail::locked(c_, "SELECT request_hash, state, response_status, response_body "
                                       "FROM idempotency WHERE scope = ?1 AND key = ?2"));
    q.args(scope, key);
    if (!q.next()) {
        if (!q.error().ok()) return R::failure(q.error());
        // Dropped between the two statements (only possible on PostgreSQL):
        // the caller's request may try again.
        return R::failure(pw::make_error("storage_busy", "", "The server is busy right now. Please try again in a moment."));
    }
    IdempotencyClaim c;
    const std::string stored = q.text(0);
    const bool same_body = stored == request_hash ||
                           std::find(earlier_hashes.begin(), earlier_hashes.end(), stored) != earlier_hashes.end();
    if (!same_body) {
        c.kind = Kind::mismatch;
    } else if (q.text(1) != "done") {
        c.kind = Kind::in_progress;
    } else {
        c.kind = Kind::replay;
        c.status = static_cast<int>(q.i64(2));
        c.body = q.text(3);
    }
    return R::success(std::move(c));
}

Error SqlTxn::finish_idempotency(std::string_view scope, std::string_view key, int status,
                                    std::string_view body, UnixTime now) {
    db::Query q(c_, "UPDATE idempotency SET state = 'done', response_status = ?3, "
                     "response_body = ?4, updated_at = ?5 WHERE scope = ?1 AND key = ?2");
    q.args(scope, key, status, body, now);
    return detail::expect_one_row(c_, q, "idempotency_key");
}

Error SqlTxn::drop_idempotency(std::string_view scope, std::string_view key) {
    db::Query q(c_, "DELETE FROM idempotency WHERE scope = ?1 AND key = ?2");
    q.args(scope, key);
    return q.run();
}

// ---------------------------------------------------------------- sessions

Result<PortalSession> SqlTxn::session(std::string_view id_hash, UnixTime now) {
    db::Query q(c_, "SELECT id_hash, client_id, created_at, expires_at FROM portal_sessions "
                     "WHERE id_hash = ?1 AND expires_at > ?2");
    q.args(id_hash, now);
    return detail::one_row<PortalSession>(
        q, [](const db::Query& r) { return PortalSession{r.text(0), r.text(1), r.i64(2), r.i64(3)}; },
        "session");
}

Error SqlTxn::insert_session(const PortalSession& s) {
    db::Query q(c_, "INSERT INTO portal_sessions (id_hash, client_id, created_at, expires_at) "
                     "VALUES (?1, ?2, ?3, ?4)");
    q.args(s.id_hash, s.client_id, s.created_at, s.expires_at);
    return q.run();
}

Error SqlTxn::delete_session(std::string_view id_hash) {
    db::Query q(c_, "DELETE FROM portal_sessions WHERE id_hash = ?1");
    q.args(id_hash);
    return q.run();
}

Error SqlTxn::delete_client_sessions(std::string_view client_id) {
    db::Query q(c_, "DELETE FROM portal_sessions WHERE client_id = ?1");
    q.args(client_id);
    return q.run();
}

// ---------------------------------------------------------------- one-time tokens

Result<OneTimeToken> SqlTxn::one_time_token(std::string_view token_hash) {
    db::Query q(c_, detail::locked(c_, "SELECT " OTT_COLS " FROM one_time_tokens WHERE token_hash = ?1"));
    q.args(token_hash);
    return detail::one_row<OneTimeToken>(q, read_ott, "token");
}

Error SqlTxn::insert_one_time_token(const OneTimeToken& t) {
    db::Query q(c_, "INSERT INTO one_time_tokens (" OTT_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    q.args(t.token_hash, t.client_id, one_time_purpose_id(t.purpose), t.created_at, t.expires_at,
           t.used_at);
    return q.run();
}

Result<OneTimeToken> SqlTxn::consume_one_time_token(std::string_view token_hash,
                                                       OneTimePurpose purpose, UnixTime now) {
    using R = Result<OneTimeToken>;
    Result<OneTimeToken> t = one_time_token(token_hash);
    if (!t.ok() && t.error.code != "not_found") return t;
    if (!t.ok() || t.value.purpose != purpose) {
        return R::failure(pw::make_error("token_unknown", "token",
                                         "This link is not valid. Ask for a new one."));
    }
    if (t.value.used_at) {
        return R::failure(pw::make_error("token_used", "token",
                                         "This link was already used. Ask for a new one."));
    }
    if (now >= t.value.expires_at) {
        return R::failure(pw::make_error("token_expired", "token",
                                         "This link has expired. Ask for a new one."));
    }
    db::Query q(c_, "UPDATE one_time_tokens SET used_at = ?2 WHERE token_hash = ?1 "
                     "AND used_at IS NULL");
    q.args(token_hash, now);
    if (Error e = detail::expect_one_row(c_, q, "token")) return R::failure(std::move(e));
    t.value.used_at = now;
    return t;
}

Error SqlTxn::void_one_time_tokens(std::string_view client_id, std::optional<OneTimePurpose> purpose,
                                     UnixTime now) {
    db::Query q(c_, "UPDATE one_time_tokens SET used_at = ?2 WHERE client_id = ?1 AND used_at IS NULL "
                     "AND (?3 IS NULL OR purpose = ?3)");
    q.bind(1, client_id).bind(2, now);
    if (purpose) q.bind(3, one_time_purpose_id(*purpose));
    else q.bind_null(3);
    return q.run();
}

// ---------------------------------------------------------------- outbox

Result<std::vector<OutboxEmail>> SqlTxn::outbox(std::string_view practice_id) {
    db::Query q(c_, "SELECT " OUTBOX_COLS " FROM outbox WHERE practice_id = ?1 "
                     "ORDER BY created_at, id");
    q.args(practice_id);
    return detail::all_rows<OutboxEmail>(q, read_outbox);
}

Error SqlTxn::insert_outbox(const OutboxEmail& e) {
    db::Query q(c_, "INSERT INTO outbox (" OUTBOX_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    q.bind(1, e.id).bind(2, e.practice_id).bind_id(3, e.invoice_id).bind(4, e.to);
    q.bind(5, e.subject).bind(6, e.path).bind(7, e.created_at);
    return q.run();
}

}  // namespace pws
