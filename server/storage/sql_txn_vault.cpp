// The vault (single-use payment tokens, bank-debit mandates) and the
// client's wallet of saved methods. No card number or CVC ever reaches these
// tables: only the processor's reference, display data and a keyed
// fingerprint.
#include "storage/sql_txn.hpp"

namespace pws {

namespace {

#define TOKEN_COLS                                                                     \
    "token_hash, practice_id, link_id, client_id, kind, processor_ref, brand, last4, " \
    "exp_month, exp_year, fingerprint, mandate_id, created_at, expires_at, used_at"
#define MANDATE_COLS \
    "id, practice_id, scheme, text_version, text, accepted_at, payer_name, client_address, locale"
#define SAVED_COLS                                                                      \
    "id, practice_id, client_id, kind, processor_ref, brand, last4, exp_month, exp_year, " \
    "fingerprint, created_at, removed_at"

VaultToken read_token(const db::Query& q) {
    VaultToken t;
    t.token_hash = q.text(0);
    t.practice_id = q.text(1);
    t.link_id = q.text(2);
    t.client_id = q.text(3);
    t.kind = detail::parse_method_type_db(q.text(4));
    t.processor_ref = q.text(5);
    t.brand = q.text(6);
    t.last4 = q.text(7);
    t.exp_month = static_cast<int>(q.i64(8));
    t.exp_year = static_cast<int>(q.i64(9));
    t.fingerprint = q.text(10);
    t.mandate_id = q.text(11);
    t.created_at = q.i64(12);
    t.expires_at = q.i64(13);
    t.used_at = q.opt_i64(14);
    return t;
}

pw::BankScheme parse_scheme(std::string_view s) {
    if (s == "pad") return pw::BankScheme::pad;
    if (s == "sepa") return pw::BankScheme::sepa;
    return pw::BankScheme::ach;
}

Mandate read_mandate(const db::Query& q) {
    Mandate m;
    m.id = q.text(0);
    m.practice_id = q.text(1);
    m.scheme = parse_scheme(q.text(2));
    m.text_version = q.text(3);
    m.text = q.text(4);
    m.accepted_at = q.i64(5);
    m.payer_name = q.text(6);
    m.client_address = q.text(7);
    m.locale = q.text(8);
    return m;
}

SavedMethodRecord read_saved(const db::Query& q) {
    SavedMethodRecord m;
    m.id = q.text(0);
    m.practice_id = q.text(1);
    m.client_id = q.text(2);
    m.kind = detail::parse_method_type_db(q.text(3));
    m.processor_ref = q.text(4);
    m.brand = q.text(5);
    m.last4 = q.text(6);
    m.exp_month = static_cast<int>(q.i64(7));
    m.exp_year = static_cast<int>(q.i64(8));
    m.fingerprint = q.text(9);
    m.created_at = q.i64(10);
    m.removed_at = q.opt_i64(11);
    return m;
}

Error token_error(std::string code, std::string message) {
    return pw::make_error(std::move(code), "token", std::move(message));
}

}  // namespace

Result<VaultToken> SqlTxn::token(std::string_view token_hash) {
    // Locked in a PostgreSQL write transaction: consume_token decides on it.
    db::Query q(c_, detail::locked(c_, "SELECT " TOKEN_COLS " FROM vault_tokens WHERE token_hash = ?1"));
    q.args(token_hash);
    return detail::one_row<VaultToken>(q, read_token, "token");
}

Result<Mandate> SqlTxn::mandate(std::string_view id) {
    db::Query q(c_, "SELECT " MANDATE_COLS " FROM mandates WHERE id = ?1");
    q.args(id);
    return detail::one_row<Mandate>(q, read_mandate, "mandate");
}

Result<std::vector<SavedMethodRecord>> SqlTxn::saved_methods(std::string_view client_id) {
    db::Query q(c_, "SELECT " SAVED_COLS " FROM saved_methods WHERE client_id = ?1 "
                     "AND removed_at IS NULL ORDER BY created_at, id");
    q.args(client_id);
    return detail::all_rows<SavedMethodRecord>(q, read_saved);
}

Result<SavedMethodRecord> SqlTxn::saved_method(std::string_view id) {
    db::Query q(c_, "SELECT " SAVED_COLS " FROM saved_methods WHERE id = ?1");
    q.args(id);
    return detail::one_row<SavedMethodRecord>(q, read_saved, "payment_method");
}

Error SqlTxn::insert_mandate(const Mandate& m) {
    db::Query q(c_, "INSERT INTO mandates (" MANDATE_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    q.args(m.id, m.practice_id, pw::scheme_id(m.scheme), m.text_version, m.text, m.accepted_at,
           m.payer_name, m.client_address, m.locale);
    return q.run();
}

Error SqlTxn::insert_token(const VaultToken& t) {
    db::Query q(c_, "INSERT INTO vault_tokens (" TOKEN_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                     "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    q.bind(1, t.token_hash).bind(2, t.practice_id).bind_id(3, t.link_id).bind_id(4, t.client_id);
    q.bind(5, detail::method_type_db(t.kind)).bind(6, t.processor_ref).bind(7, t.brand);
    q.bind(8, t.last4).bind(9, t.exp_month).bind(10, t.exp_year).bind(11, t.fingerprint);
    q.bind_id(12, t.mandate_id).bind(13, t.created_at).bind(14, t.expires_at).bind(15, t.used_at);
    return q.run();
}

Result<VaultToken> SqlTxn::consume_token(std::string_view token_hash, const TokenBinding& by,
                                            UnixTime now) {
    using R = Result<VaultToken>;
    Result<VaultToken> t = token(token_hash);
    if (!t.ok() && t.error.code != "not_found") return t;
    // Unknown and "made by someone else" look the same from outside, so a
    // token cannot be probed for through another link.
    const bool bound_here = t.ok() && ((!by.link_id.empty() && t.value.link_id == by.link_id) ||
                                       (!by.client_id.empty() && t.value.client_id == by.client_id));
    if (!bound_here) {
        return R::failure(token_error("token_unknown",
                                      "We could not use these payment details. Please enter them again."));
    }
    if (t.value.used_at) {
        return R::failure(token_error("token_used",
                                      "These payment details were already used. Please enter them again."));
    }
    if (now >= t.value.expires_at) {
        return R::failure(token_error("token_expired",
                                      "These payment details timed out. Please enter them again."));
    }
    db::Query q(c_, "UPDATE vault_tokens SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL");
    q.args(token_hash, now);
    if (Error e = detail::expect_one_row(c_, q, "token")) return R::failure(std::move(e));
    t.value.used_at = now;
    return t;
}

Result<SavedMethodRecord> SqlTxn::save_method(const SavedMethodRecord& m) {
    using R = Result<SavedMethodRecord>;
    // One live method per fingerprint: two saves of the same card at once
    // take turns on the client (PostgreSQL; SQLite holds its write lock).
    if (Error e = detail::lock_row(c_, "clients", m.client_id)) return R::failure(std::move(e));
    db::Query find(c_, "SELECT " SAVED_COLS " FROM saved_methods WHERE client_id = ?1 "
                        "AND fingerprint = ?2 AND removed_at IS NULL");
    find.args(m.client_id, m.fingerprint);
    if (find.next()) {
        // The same card again (perhaps re-issued with a new expiry): keep one
        // entry, with the newest reference and expiry.
        SavedMethodRecord existing = read_saved(find);
        existing.processor_ref = m.processor_ref;
        existing.exp_month = m.exp_month;
        existing.exp_year = m.exp_year;
        db::Query upd(c_, "UPDATE saved_methods SET processor_ref = ?2, exp_month = ?3, "
                           "exp_year = ?4 WHERE id = ?1");
        upd.args(existing.id, existing.processor_ref, existing.exp_month, existing.exp_year);
        if (Error e = upd.run()) return R::failure(std::move(e));
        return R::success(std::move(existing));
    }
    if (!find.error().ok()) return R::failure(find.error());
    db::Query q(c_, "INSERT INTO saved_methods (" SAVED_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                     "?7, ?8, ?9, ?10, ?11, ?12)");
    q.args(m.id, m.practice_id, m.client_id, detail::method_type_db(m.kind), m.processor_ref,
           m.brand, m.last4, m.exp_month, m.exp_year, m.fingerprint, m.created_at, m.removed_at);
    if (Error e = q.run()) return R::failure(std::move(e));
    return R::success(m);
}

Error SqlTxn::remove_saved_method(std::string_view client_id, std::string_view id, UnixTime now) {
    db::Query q(c_, "UPDATE saved_methods SET removed_at = ?3 WHERE id = ?1 AND client_id = ?2 "
                     "AND removed_at IS NULL");
    q.args(id, client_id, now);
    return detail::expect_one_row(c_, q, "payment_method");
}

}  // namespace pws
