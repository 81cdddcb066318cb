// Practices (tenants) and their clients.
#include <nlohmann/json.hpp>

#include "storage/sql_txn.hpp"

namespace pws {

namespace {

#define PRACTICE_COLS                                                     \
    "id, name, email, phone, allow_card_removal, settlement_currency, " \
    "embed_origins, created_at"
// Read by practice() only (schema v8, locale v10); insert_practice leaves the defaults.
#define PRACTICE_POLICY_COLS "default_partial_enabled, default_minimum_kind, default_minimum_value, locale"
#define ADMIN_KEY_COLS "id, practice_id, name, key_hash, hint, created_at, last_used_at, revoked_at"
#define CLIENT_COLS "id, practice_id, name, email, phone, password_hash, created_at, locale"

std::string origins_to_text(const std::vector<std::string>& origins) {
    nlohmann::json a = nlohmann::json::array();
    for (const std::string& o : origins) a.push_back(o);
    return a.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The column is only ever written by origins_to_text, but a hand-edited
// file must not crash the server: anything unreadable is an empty list.
std::vector<std::string> origins_from_text(const std::string& text) {
    std::vector<std::string> out;
    const nlohmann::json a = nlohmann::json::parse(text, nullptr, false);
    if (a.is_discarded() || !a.is_array()) return out;
    for (const nlohmann::json& v : a) {
        if (v.is_string()) out.push_back(v.get_ref<const std::string&>());
    }
    return out;
}

Practice read_practice(const db::Query& q) {
    Practice p;
    p.id = q.text(0);
    p.name = q.text(1);
    p.email = q.text(2);
    p.phone = q.text(3);
    p.settings.allow_card_removal = q.i64(4) != 0;
    p.settings.settlement_currency = q.text(5);
    p.settings.embed_origins = origins_from_text(q.text(6));
    p.created_at = q.i64(7);
    pw::PartialPaymentPolicy& d = p.settings.default_partial;
    d.enabled = q.i64(8) != 0;
    d.minimum_kind = q.text(9) == "fixed" ? pw::MinimumKind::fixed : pw::MinimumKind::percent;
    (d.minimum_kind == pw::MinimumKind::fixed ? d.minimum_amount : d.minimum_bps) = q.i64(10);
    p.settings.locale = q.text(11);
    return p;
}

AdminKeyRecord read_admin_key(const db::Query& q) {
    AdminKeyRecord k;
    k.id = q.text(0);
    k.practice_id = q.text(1);
    k.name = q.text(2);
    k.key_hash = q.text(3);
    k.hint = q.text(4);
    k.created_at = q.i64(5);
    k.last_used_at = q.opt_i64(6);
    k.revoked_at = q.opt_i64(7);
    return k;
}

Client read_client(const db::Query& q) {
    Client c;
    c.id = q.text(0);
    c.practice_id = q.text(1);
    c.name = q.text(2);
    c.email = q.text(3);
    c.phone = q.text(4);
    c.password_hash = q.opt_text(5);
    c.created_at = q.i64(6);
    c.locale = q.text(7);
    return c;
}

// practices.api_key_hash, retired at schema v3, exists only in SQLite (which
// cannot drop a UNIQUE column); it takes a unique random placeholder, so a
// duplicate id is still reported as one.
const char* insert_practice_sql(db::Session& s) {
    if (s.dialect() == db::Dialect::postgres) {
        return "INSERT INTO practices (" PRACTICE_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
    }
    return "INSERT INTO practices (" PRACTICE_COLS ", api_key_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
           "'moved to admin_keys: ' || lower(hex(randomblob(16))))";
}

}  // namespace

Result<Practice> SqlTxn::practice(std::string_view id) {
    db::Query q(c_, "SELECT " PRACTICE_COLS ", " PRACTICE_POLICY_COLS " FROM practices WHERE id = ?1");
    q.args(id);
    return detail::one_row<Practice>(q, read_practice, "practice");
}

Result<AdminKeyRecord> SqlTxn::active_admin_key(std::string_view key_hash) {
    db::Query q(c_, "SELECT " ADMIN_KEY_COLS " FROM admin_keys WHERE key_hash = ?1 AND revoked_at IS NULL");
    q.args(key_hash);
    return detail::one_row<AdminKeyRecord>(q, read_admin_key, "admin_key");
}

Result<std::vector<AdminKeyRecord>> SqlTxn::admin_keys(std::string_view practice_id) {
    db::Query q(c_, "SELECT " ADMIN_KEY_COLS " FROM admin_keys WHERE practice_id = ?1 ORDER BY created_at, id");
    q.args(practice_id);
    return detail::all_rows<AdminKeyRecord>(q, read_admin_key);
}

Result<Client> SqlTxn::client(std::string_view id) {
    db::Query q(c_, "SELECT " CLIENT_COLS " FROM clients WHERE id = ?1");
    q.args(id);
    return detail::one_row<Client>(q, read_client, "client");
}

Result<Client> SqlTxn::client_by_email(std::string_view practice_id, std::string_view email) {
    db::Query q(c_, std::string("SELECT " CLIENT_COLS " FROM clients WHERE practice_id = ?1 AND ") +
                        detail::email_equals(c_, "?2"));
    q.args(practice_id, email);
    return detail::one_row<Client>(q, read_client, "client");
}

Result<std::vector<Client>> SqlTxn::practice_clients(std::string_view practice_id) {
    db::Query q(c_, "SELECT " CLIENT_COLS " FROM clients WHERE practice_id = ?1 ORDER BY name, id");
    q.args(practice_id);
    return detail::all_rows<Client>(q, read_client);
}

// The console's client search (schema version 7 adds nothing for it: a
// practice's clients are few enough for a scan of its rows by
// practice_id). lower() on both sides: ASCII case-insensitive on both engines.
Result<std::vector<Client>> SqlTxn::search_practice_clients(std::string_view practice_id, std::string_view text,
                                                            std::size_t limit) {
    std::string pattern = "%";
    for (const char ch : text) {
        if (ch == '%' || ch == '_' || ch == '!') pattern += '!';
        pattern += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    }
    pattern += '%';
    db::Query q(c_, "SELECT " CLIENT_COLS " FROM clients WHERE practice_id = ?1 AND "
                    "(lower(name) LIKE ?2 ESCAPE '!' OR lower(email) LIKE ?2 ESCAPE '!') ORDER BY name, id LIMIT ?3");
    q.args(practice_id, pattern, static_cast<std::int64_t>(limit));
    return detail::all_rows<Client>(q, read_client);
}

Result<std::vector<Client>> SqlTxn::clients_by_email(std::string_view email) {
    db::Query q(c_, "SELECT " CLIENT_COLS " FROM clients WHERE " + detail::email_equals(c_, "?1") +
                        " ORDER BY created_at, id");
    q.args(email);
    return detail::all_rows<Client>(q, read_client);
}

Error SqlTxn::insert_practice(const Practice& p) {
    db::Query q(c_, insert_practice_sql(c_));
    q.args(p.id, p.name, p.email, p.phone, p.settings.allow_card_removal,
           p.settings.settlement_currency, origins_to_text(p.settings.embed_origins), p.created_at);
    return q.run();
}

Error SqlTxn::insert_admin_key(const AdminKeyRecord& k) {
    db::Query q(c_, "INSERT INTO admin_keys (" ADMIN_KEY_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    q.args(k.id, k.practice_id, k.name, k.key_hash, k.hint, k.created_at, k.last_used_at, k.revoked_at);
    return q.run();
}

Error SqlTxn::revoke_admin_key(std::string_view practice_id, std::string_view id, UnixTime now) {
    // Two revocations at once must not both see the other key as active:
    // lock the practice (PostgreSQL; SQLite holds its write lock).
    if (Error e = detail::lock_row(c_, "practices", practice_id)) return e;
    db::Query find(c_, "SELECT CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END FROM admin_keys "
                       "WHERE id = ?1 AND practice_id = ?2");
    find.args(id, practice_id);
    if (!find.next()) {
        if (!find.error().ok()) return find.error();
        return pw::make_error("not_found", "admin_key", "");
    }
    if (find.i64(0) != 0) return {};  // already revoked: the first time is kept
    db::Query others(c_, "SELECT COUNT(*) FROM admin_keys WHERE practice_id = ?1 AND id <> ?2 "
                          "AND revoked_at IS NULL");
    others.args(practice_id, id);
    if (!others.next()) return others.error();
    if (others.i64(0) == 0) return pw::make_error("last_admin_key", "admin_key", "");
    db::Query q(c_, "UPDATE admin_keys SET revoked_at = ?2 WHERE id = ?1");
    q.args(id, now);
    return detail::expect_one_row(c_, q, "admin_key");
}

Error SqlTxn::record_admin_key_use(std::string_view id, std::string_view key_hash, std::string_view hint,
                                      UnixTime now) {
    db::Query q(c_, "UPDATE admin_keys SET last_used_at = ?2, key_hash = ?3, hint = ?4 WHERE id = ?1");
    q.args(id, now, key_hash, hint);
    return detail::expect_one_row(c_, q, "admin_key");
}

Error SqlTxn::update_settings(std::string_view practice_id, const PracticeSettings& s) {
    const pw::PartialPaymentPolicy& d = s.default_partial;
    const bool fixed = d.minimum_kind == pw::MinimumKind::fixed;
    db::Query q(c_, "UPDATE practices SET allow_card_removal = ?2, settlement_currency = ?3, "
                     "embed_origins = ?4, default_partial_enabled = ?5, default_minimum_kind = ?6, "
                     "default_minimum_value = ?7, locale = ?8 WHERE id = ?1");
    q.args(practice_id, s.allow_card_removal, s.settlement_currency, origins_to_text(s.embed_origins), d.enabled,
           std::string_view(fixed ? "fixed" : "percent"), fixed ? d.minimum_amount : d.minimum_bps, s.locale);
    return detail::expect_one_row(c_, q, "practice");
}

Error SqlTxn::update_practice_profile(std::string_view practice_id, const pw::Contact& profile) {
    db::Query q(c_, "UPDATE practices SET name = ?2, email = ?3, phone = ?4 WHERE id = ?1");
    q.args(practice_id, profile.name, profile.email, profile.phone);
    return detail::expect_one_row(c_, q, "practice");
}

Error SqlTxn::insert_client(const Client& c) {
    db::Query q(c_, "INSERT INTO clients (" CLIENT_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    q.args(c.id, c.practice_id, c.name, c.email, c.phone, c.password_hash, c.created_at, c.locale);
    return q.run();
}

Error SqlTxn::set_client_locale(std::string_view client_id, std::string_view locale) {
    db::Query q(c_, "UPDATE clients SET locale = ?2 WHERE id = ?1");
    q.args(client_id, locale);
    return detail::expect_one_row(c_, q, "client");
}

Error SqlTxn::set_client_password(std::string_view client_id, std::string_view password_hash) {
    db::Query q(c_, "UPDATE clients SET password_hash = ?2 WHERE id = ?1");
    q.args(client_id, password_hash);
    return detail::expect_one_row(c_, q, "client");
}

Error SqlTxn::replace_client_password_hash(std::string_view client_id, std::string_view expected,
                                              std::string_view password_hash) {
    db::Query q(c_, "UPDATE clients SET password_hash = ?3 WHERE id = ?1 AND password_hash = ?2");
    q.args(client_id, expected, password_hash);
    if (Error e = q.run()) return e;
    if (c_.changes() == 1) return {};
    db::Query exists(c_, "SELECT 1 FROM clients WHERE id = ?1");
    exists.args(client_id);
    if (exists.next()) return pw::make_error("state_conflict", "password_hash", "");
    if (!exists.error().ok()) return exists.error();
    return pw::make_error("not_found", "client", "");
}

}  // namespace pws
