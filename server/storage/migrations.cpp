// The schema, as ordered steps, and the code that applies them.
#include "storage/migrations.hpp"

#include "storage/sqlite_session.hpp"

#include <string>

namespace pws {

namespace {

// Version 1: every table of the first server. STRICT tables make SQLite
// refuse a value of the wrong type instead of silently storing it. Composite
// foreign keys (x_id, practice_id) keep every row inside ONE tenant: an
// invoice cannot point at another practice's client, a payment cannot point
// at another practice's invoice.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE practices (
  id                  TEXT PRIMARY KEY,
  name                TEXT NOT NULL,
  email               TEXT NOT NULL,
  phone               TEXT NOT NULL DEFAULT '',
  api_key_hash        TEXT NOT NULL UNIQUE,
  allow_card_removal  INTEGER NOT NULL DEFAULT 0 CHECK (allow_card_removal IN (0, 1)),
  settlement_currency TEXT NOT NULL DEFAULT '',
  embed_origins       TEXT NOT NULL DEFAULT '[]',  -- JSON array of origins
  created_at          INTEGER NOT NULL
) STRICT;

CREATE TABLE clients (
  id            TEXT PRIMARY KEY,
  practice_id   TEXT NOT NULL REFERENCES practices(id),
  name          TEXT NOT NULL,
  email         TEXT NOT NULL COLLATE NOCASE,
  phone         TEXT NOT NULL DEFAULT '',
  password_hash TEXT,                      -- NULL: portal not activated
  created_at    INTEGER NOT NULL,
  UNIQUE (practice_id, email),
  UNIQUE (id, practice_id)
) STRICT;
CREATE INDEX clients_by_email ON clients(email);

CREATE TABLE invoices (
  id          TEXT PRIMARY KEY,
  practice_id TEXT NOT NULL,
  client_id   TEXT NOT NULL,
  number      TEXT NOT NULL,
  currency    TEXT NOT NULL,
  total       INTEGER NOT NULL CHECK (total >= 0),
  voided      INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
  definition  TEXT NOT NULL,               -- pw::invoice_to_json, no payments
  created_at  INTEGER NOT NULL,
  UNIQUE (practice_id, number),
  UNIQUE (id, practice_id),
  FOREIGN KEY (client_id, practice_id) REFERENCES clients(id, practice_id)
) STRICT;
CREATE INDEX invoices_by_client ON invoices(client_id, created_at);

CREATE TABLE links (
  id          TEXT PRIMARY KEY,
  invoice_id  TEXT NOT NULL,
  practice_id TEXT NOT NULL,
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  revoked_at  INTEGER,
  FOREIGN KEY (invoice_id, practice_id) REFERENCES invoices(id, practice_id)
) STRICT;
CREATE INDEX links_by_invoice ON links(invoice_id);

CREATE TABLE mandates (
  id             TEXT PRIMARY KEY,
  practice_id    TEXT NOT NULL REFERENCES practices(id),
  scheme         TEXT NOT NULL CHECK (scheme IN ('ach', 'pad', 'sepa')),
  text_version   TEXT NOT NULL,
  text           TEXT NOT NULL,
  accepted_at    INTEGER NOT NULL,
  payer_name     TEXT NOT NULL,
  client_address TEXT NOT NULL
) STRICT;

CREATE TABLE vault_tokens (
  token_hash    TEXT PRIMARY KEY,
  practice_id   TEXT NOT NULL REFERENCES practices(id),
  link_id       TEXT REFERENCES links(id),
  client_id     TEXT REFERENCES clients(id),
  kind          TEXT NOT NULL CHECK (kind IN ('card', 'bank_debit')),
  processor_ref TEXT NOT NULL,
  brand         TEXT NOT NULL,
  last4         TEXT NOT NULL,
  exp_month     INTEGER NOT NULL DEFAULT 0,
  exp_year      INTEGER NOT NULL DEFAULT 0,
  fingerprint   TEXT NOT NULL,
  mandate_id    TEXT REFERENCES mandates(id),
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  used_at       INTEGER,
  CHECK ((link_id IS NULL) <> (client_id IS NULL))
) STRICT;

CREATE TABLE saved_methods (
  id            TEXT PRIMARY KEY,
  practice_id   TEXT NOT NULL,
  client_id     TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('card', 'bank_debit')),
  processor_ref TEXT NOT NULL,
  brand         TEXT NOT NULL,
  last4         TEXT NOT NULL,
  exp_month     INTEGER NOT NULL DEFAULT 0,
  exp_year      INTEGER NOT NULL DEFAULT 0,
  fingerprint   TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  removed_at    INTEGER,
  FOREIGN KEY (client_id, practice_id) REFERENCES clients(id, practice_id)
) STRICT;
CREATE UNIQUE INDEX saved_methods_live_fingerprint
  ON saved_methods(client_id, fingerprint) WHERE removed_at IS NULL;

CREATE TABLE payments (
  id                TEXT PRIMARY KEY,
  practice_id       TEXT NOT NULL,
  invoice_id        TEXT NOT NULL,
  amount            INTEGER NOT NULL CHECK (amount > 0),
  currency          TEXT NOT NULL,
  state             TEXT NOT NULL CHECK (state IN ('reserved', 'succeeded', 'processing',
                      'declined', 'failed', 'returned', 'released')),
  method_type       TEXT NOT NULL CHECK (method_type IN ('card', 'bank_debit')),
  method_brand      TEXT NOT NULL,
  method_last4      TEXT NOT NULL,
  payment_method_id TEXT REFERENCES saved_methods(id),
  token_hash        TEXT REFERENCES vault_tokens(token_hash),
  save_method       INTEGER NOT NULL DEFAULT 0 CHECK (save_method IN (0, 1)),
  mandate_id        TEXT REFERENCES mandates(id),
  processor_ref     TEXT NOT NULL DEFAULT '',
  charge_key        TEXT NOT NULL UNIQUE,
  decline_code      TEXT NOT NULL DEFAULT '',
  decline_message   TEXT NOT NULL DEFAULT '',
  payer             TEXT NOT NULL CHECK (payer IN ('link', 'portal')),
  link_id           TEXT REFERENCES links(id),
  client_id         TEXT REFERENCES clients(id),
  idem_scope        TEXT NOT NULL DEFAULT '',
  idem_key          TEXT NOT NULL DEFAULT '',
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  FOREIGN KEY (invoice_id, practice_id) REFERENCES invoices(id, practice_id)
) STRICT;
CREATE INDEX payments_by_invoice ON payments(invoice_id, created_at);
CREATE INDEX payments_by_state ON payments(state, created_at);

CREATE TABLE refunds (
  id            TEXT PRIMARY KEY,
  payment_id    TEXT NOT NULL REFERENCES payments(id),
  practice_id   TEXT NOT NULL REFERENCES practices(id),
  amount        INTEGER NOT NULL CHECK (amount > 0),
  currency      TEXT NOT NULL,
  reason        TEXT NOT NULL DEFAULT '',
  state         TEXT NOT NULL CHECK (state IN ('reserved', 'succeeded', 'failed')),
  refund_key    TEXT NOT NULL UNIQUE,
  processor_ref TEXT NOT NULL DEFAULT '',
  idem_scope    TEXT NOT NULL DEFAULT '',
  idem_key      TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX refunds_by_payment ON refunds(payment_id);
CREATE INDEX refunds_by_state ON refunds(state, created_at);

CREATE TABLE idempotency (
  scope           TEXT NOT NULL,   -- "link:<id>", "client:<id>", "admin:<practice>"
  key             TEXT NOT NULL,
  request_hash    TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('in_progress', 'done')),
  response_status INTEGER NOT NULL DEFAULT 0,
  response_body   TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE portal_sessions (
  id_hash    TEXT PRIMARY KEY,
  client_id  TEXT NOT NULL REFERENCES clients(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX portal_sessions_by_client ON portal_sessions(client_id);

CREATE TABLE one_time_tokens (
  token_hash TEXT PRIMARY KEY,
  client_id  TEXT NOT NULL REFERENCES clients(id),
  purpose    TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
) STRICT;

CREATE TABLE outbox (
  id          TEXT PRIMARY KEY,
  practice_id TEXT NOT NULL REFERENCES practices(id),
  invoice_id  TEXT REFERENCES invoices(id),
  recipient   TEXT NOT NULL,
  subject     TEXT NOT NULL,
  path        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX outbox_by_practice ON outbox(practice_id, created_at);
)sql";

// Version 2: the retry of a payment whose charge never happened (released)
// finds its payment by token, scope and key. Partial: released payments are
// few, so the index stays small however many payments succeed.
constexpr const char* kSchemaV2 = R"sql(
CREATE INDEX payments_released_by_retry
  ON payments(token_hash, idem_scope, idem_key) WHERE state = 'released';
)sql";

// Version 3: admin keys, several per practice, each revocable. Every
// practice's one key moves here (its hash is kept, so existing keys keep
// working; the hint is learnt at the key's first use). practices.api_key_hash
// stays as a column: SQLite cannot drop a UNIQUE column without rebuilding
// the table every other table references. Nothing reads it any more, and it
// now holds a unique placeholder instead of a live credential.
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE admin_keys (
  id           TEXT PRIMARY KEY,
  practice_id  TEXT NOT NULL REFERENCES practices(id),
  name         TEXT NOT NULL,
  key_hash     TEXT NOT NULL UNIQUE,
  hint         TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER
) STRICT;
CREATE INDEX admin_keys_by_practice ON admin_keys(practice_id, created_at);
INSERT INTO admin_keys (id, practice_id, name, key_hash, created_at)
  SELECT 'key_' || lower(hex(randomblob(16))), id, 'first key', api_key_hash, created_at FROM practices;
UPDATE practices SET api_key_hash = 'moved to admin_keys: ' || lower(hex(randomblob(16)));
)sql";

// Version 4: every reservation (a `reserved`
// payment or refund) records the server instance that owns its processor
// call and until when (services/reservation_lease.hpp), so recovery in any
// instance resolves only reservations whose owner is gone or done. Rows
// written before keep owner '' and expiry 0: lapsed, resolved at once, as
// start-up recovery did before. The partial indexes keep the periodic scan
// to the few rows still reserved.
constexpr const char* kSchemaV4 = R"sql(
ALTER TABLE payments ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE payments ADD COLUMN lease_expires_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE refunds ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE refunds ADD COLUMN lease_expires_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX payments_reserved_by_lease ON payments(lease_expires_at) WHERE state = 'reserved';
CREATE INDEX refunds_reserved_by_lease ON refunds(lease_expires_at) WHERE state = 'reserved';
)sql";

// Version 5: rate limits shared by every instance (security/rate_limit.hpp):
// one row per limited key (e.g. "tokens_per_link:lnk_..."), its GCRA
// theoretical arrival time in ms. A row whose time has passed is a full
// bucket, the same as no row; the periodic sweep deletes those (by index).
constexpr const char* kSchemaV5 = R"sql(
CREATE TABLE rate_limit_tats (
  key    TEXT PRIMARY KEY,
  tat_ms INTEGER NOT NULL CHECK (tat_ms > 0)
) STRICT, WITHOUT ROWID;
CREATE INDEX rate_limit_tats_by_time ON rate_limit_tats(tat_ms);
)sql";

// Version 6: the practitioner console (issue 11). practice_users are the
// people who sign in to it; the email is unique across every practice, not
// per practice: the sign-in form has no practice to choose, so one email
// must name one account (and one password is checked, never several). A
// person who works for two practices signs in with two addresses.
// console_sessions are separate from portal_sessions (another cookie,
// another hash subkey) and carry an idle expiry besides the absolute one.
// activity is the practice's log of who did what, written in the same
// transaction as the change it records; never card data.
constexpr const char* kSchemaV6 = R"sql(
CREATE TABLE practice_users (
  id            TEXT PRIMARY KEY,
  practice_id   TEXT NOT NULL REFERENCES practices(id),
  email         TEXT NOT NULL COLLATE NOCASE UNIQUE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('owner', 'staff')),
  password_hash TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  disabled_at   INTEGER
) STRICT;
CREATE INDEX practice_users_by_practice ON practice_users(practice_id, created_at);

CREATE TABLE console_sessions (
  id_hash         TEXT PRIMARY KEY,
  user_id         TEXT NOT NULL REFERENCES practice_users(id),
  created_at      INTEGER NOT NULL,
  idle_expires_at INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX console_sessions_by_user ON console_sessions(user_id);

CREATE TABLE activity (
  id          TEXT PRIMARY KEY,
  practice_id TEXT NOT NULL REFERENCES practices(id),
  at          INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  subject     TEXT NOT NULL DEFAULT '',
  detail      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX activity_by_practice ON activity(practice_id, at, id);
-- the console's recent payments (practice_payments)
CREATE INDEX payments_by_practice ON payments(practice_id, created_at);
)sql";

// Version 7: invitations to the practitioner console (issue 11). The owner
// invites a person by email with a role; only the keyed hash of the link's
// token is kept (UNIQUE: one lookup). An invitation is used once, in the
// transaction that creates the practice user; a newer invitation for the
// same email revokes the older ones. invited_by says who let them in.
constexpr const char* kSchemaV7 = R"sql(
CREATE TABLE practice_invitations (
  id          TEXT PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  practice_id TEXT NOT NULL REFERENCES practices(id),
  email       TEXT NOT NULL COLLATE NOCASE,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('owner', 'staff')),
  invited_by  TEXT NOT NULL REFERENCES practice_users(id),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER,
  revoked_at  INTEGER
) STRICT;
CREATE INDEX practice_invitations_by_practice ON practice_invitations(practice_id, created_at);
)sql";

// Version 8: the console's invoices (issue 11). invoice_drafts hold
// invoices being written (the CreateInvoiceRequest JSON as far as it is
// filled in; client_id '' until chosen, so no foreign key to clients: the
// client is checked, in the practice, when the draft is issued). The
// practice's default partial-payment policy for new invoices: off, or a
// fixed minimum (minor units of each invoice's currency) or a percentage
// (basis points) of the balance.
constexpr const char* kSchemaV8 = R"sql(
ALTER TABLE practices ADD COLUMN default_partial_enabled INTEGER NOT NULL DEFAULT 0
  CHECK (default_partial_enabled IN (0, 1));
ALTER TABLE practices ADD COLUMN default_minimum_kind TEXT NOT NULL DEFAULT 'percent'
  CHECK (default_minimum_kind IN ('fixed', 'percent'));
ALTER TABLE practices ADD COLUMN default_minimum_value INTEGER NOT NULL DEFAULT 0
  CHECK (default_minimum_value >= 0);
CREATE TABLE invoice_drafts (
  id          TEXT PRIMARY KEY,
  practice_id TEXT NOT NULL REFERENCES practices(id),
  client_id   TEXT NOT NULL DEFAULT '',
  request     TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX invoice_drafts_by_practice ON invoice_drafts(practice_id, updated_at);
)sql";

// Version 9: the language a client reads pages and emails in (issue 12):
// a supported locale ("fr-CA"), '' for no preference.
constexpr const char* kSchemaV9 = R"sql(
ALTER TABLE clients ADD COLUMN locale TEXT NOT NULL DEFAULT '';
)sql";

// Version 10: a practice's default language for emails to clients who have
// no preference of their own (issue 12): a supported locale, '' for English.
constexpr const char* kSchemaV10 = R"sql(
ALTER TABLE practices ADD COLUMN locale TEXT NOT NULL DEFAULT '';
)sql";

// Version 11: the language of a bank-debit mandate's text (issue 12): the
// supported locale pw::mandate_text used. Mandates before it were English.
constexpr const char* kSchemaV11 = R"sql(
ALTER TABLE mandates ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';
)sql";

constexpr Migration kSteps[] = {
    {1, "initial schema: tenants, invoices, links, vault, payments, refunds, "
        "idempotency, portal, outbox",
     kSchemaV1},
    {2, "index released payments by token and idempotency key (payment retries)", kSchemaV2},
    {3, "admin keys: several per practice, revocable (existing keys moved)", kSchemaV3},
    {4, "reservation leases: owning instance and expiry of reserved payments and refunds", kSchemaV4},
    {5, "rate limits shared by every instance: one GCRA time per limited key", kSchemaV5},
    {6, "practitioner console: practice users, console sessions, activity log", kSchemaV6},
    {7, "practitioner console: invitations of practice users (token hash, role, expiry, single use)", kSchemaV7},
    {8, "console invoices: drafts, and the practice's default partial-payment policy", kSchemaV8},
    {9, "clients' preferred language for pages and emails", kSchemaV9},
    {10, "practices' default language for emails to clients without a preference", kSchemaV10},
    {11, "the language of each bank-debit mandate's text", kSchemaV11},
};

}  // namespace

std::span<const Migration> schema_migrations() { return kSteps; }

int latest_schema_version() { return kSteps[std::size(kSteps) - 1].version; }

pw::Result<int> apply_migrations(sql::Conn& conn, std::span<const Migration> steps,
                                 std::int64_t now) {
    SqliteSession session(conn);
    return apply_migrations(session, steps, now);
}

pw::Result<int> apply_migrations(db::Session& conn, std::span<const Migration> steps, std::int64_t now) {
    using R = pw::Result<int>;
    const bool sqlite = conn.dialect() == db::Dialect::sqlite;
    // Two processes starting at once serialise here; the second sees the
    // first one's version and applies nothing. SQLite: the write lock.
    // PostgreSQL: an advisory lock held until COMMIT (row locks cannot guard
    // a table that may not exist yet); the key is arbitrary but fixed.
    if (pw::Error e = conn.exec(sqlite ? "BEGIN IMMEDIATE" : "BEGIN; SELECT pg_advisory_xact_lock(7210316405)")) {
        return R::failure(std::move(e));
    }
    auto fail = [&](pw::Error e) {
        (void)conn.exec("ROLLBACK");
        return R::failure(std::move(e));
    };
    if (pw::Error e = conn.exec(sqlite ? "CREATE TABLE IF NOT EXISTS schema_version ("
                                         " version INTEGER PRIMARY KEY,"
                                         " summary TEXT NOT NULL,"
                                         " applied_at INTEGER NOT NULL) STRICT"
                                       : "CREATE TABLE IF NOT EXISTS schema_version ("
                                         " version BIGINT PRIMARY KEY,"
                                         " summary TEXT NOT NULL,"
                                         " applied_at BIGINT NOT NULL)")) {
        return fail(std::move(e));
    }
    int current = 0;
    {
        db::Query q(conn, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
        if (!q.next()) return fail(q.error());
        current = static_cast<int>(q.i64(0));
    }
    const int latest = steps.empty() ? 0 : steps.back().version;
    if (current > latest) {
        return fail(pw::make_error(
            "schema_too_new", "",
            "The database was written by a newer version of the server (schema " +
                std::to_string(current) + ", this build knows up to " + std::to_string(latest) +
                "). Run the newer server or restore a matching backup."));
    }
    for (const Migration& m : steps) {
        if (m.version <= current) continue;
        if (pw::Error e = conn.exec(m.sql)) return fail(std::move(e));
        db::Query ins(conn, "INSERT INTO schema_version (version, summary, applied_at) "
                             "VALUES (?1, ?2, ?3)");
        ins.args(m.version, m.summary, now);
        if (pw::Error e = ins.run()) return fail(std::move(e));
        current = m.version;
    }
    if (pw::Error e = conn.exec("COMMIT")) return fail(std::move(e));
    return R::success(current);
}

}  // namespace pws
